# EC2 DescribeInstanceTypes for the types the sandbox knows: one type in full, a table of vCPUs,
# memory and ENI limits (the numbers ECS uses for awsvpc task density), filters on architecture,
# vCPU count and current generation. Bad: an unknown type (alone and next to a good one), an
# unknown filter name.
aws ec2 describe-instance-types --instance-types m5.large
aws ec2 describe-instance-types --instance-types t2.micro t3.micro t3.medium m5.large c5.large r5.large m6g.large --query 'InstanceTypes[].[InstanceType,VCpuInfo.DefaultVCpus,MemoryInfo.SizeInMiB,NetworkInfo.MaximumNetworkInterfaces,NetworkInfo.Ipv4AddressesPerInterface]' --output table
aws ec2 describe-instance-types --filters Name=processor-info.supported-architecture,Values=arm64 --query 'InstanceTypes[].InstanceType' --output text
aws ec2 describe-instance-types --filters Name=vcpu-info.default-vcpus,Values=16 --query 'InstanceTypes[].InstanceType' --output text
aws ec2 describe-instance-types --filters Name=current-generation,Values=false --query 'InstanceTypes[].InstanceType' --output text
aws ec2 describe-instance-types --query 'length(InstanceTypes)'
aws ec2 describe-instance-types --instance-types t9.huge
aws ec2 describe-instance-types --instance-types t3.micro t9.huge
aws ec2 describe-instance-types --filters Name=colour,Values=blue
