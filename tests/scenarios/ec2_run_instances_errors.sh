# EC2 RunInstances refusals, each leaving the account unchanged: an unknown AMI and a malformed
# AMI id, an arm64 AMI on an x86_64 type and the reverse (architecture mismatch), an instance
# type that does not exist, an unknown instance profile by Name= and by Arn=, an unknown subnet,
# an unknown security group id and name, a Placement zone that does not exist, a key pair that
# does not exist, MinCount 0 and MinCount > MaxCount, no --image-id, --dry-run. Then the good
# case with the same arguments shows what was refused before.
# seed: 17
X86=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
ARM=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id --query Parameter.Value --output text)
aws ec2 run-instances --image-id ami-0123456789abcdef0 --instance-type t3.micro
aws ec2 run-instances --image-id ami-bad --instance-type t3.micro
aws ec2 run-instances --image-id $ARM --instance-type m5.large
aws ec2 run-instances --image-id $X86 --instance-type m6g.large
aws ec2 run-instances --image-id $X86 --instance-type t9.huge
aws ec2 run-instances --image-id $X86 --instance-type T3.MICRO
aws ec2 run-instances --image-id $X86 --iam-instance-profile Name=noSuchProfile
aws ec2 run-instances --image-id $X86 --iam-instance-profile Arn=arn:aws:iam::123456789012:instance-profile/noSuchProfile
aws ec2 run-instances --image-id $X86 --subnet-id subnet-0123456789abcdef0
aws ec2 run-instances --image-id $X86 --security-group-ids sg-0123456789abcdef0
aws ec2 run-instances --image-id $X86 --security-groups no-such-group
aws ec2 run-instances --image-id $X86 --placement AvailabilityZone=us-east-1z --query 'Instances[0].Placement.AvailabilityZone' --output text
aws ec2 run-instances --image-id $X86 --key-name no-such-key --query 'Instances[0].KeyName' --output text
aws ec2 run-instances --image-id $X86 --count 0
aws ec2 run-instances --image-id $X86 --count 3:2
aws ec2 run-instances --instance-type t3.micro
aws ec2 run-instances --image-id $X86 --instance-type t3.micro --dry-run
aws ec2 describe-instances --query 'Reservations[].Instances[].[InstanceType,Placement.AvailabilityZone,State.Name]' --output text
# The good cases.
aws ec2 run-instances --image-id $ARM --instance-type m6g.large --placement AvailabilityZone=us-east-1c --query 'Instances[0].[Architecture,InstanceType,Placement.AvailabilityZone,CpuOptions.CoreCount,CpuOptions.ThreadsPerCore]' --output text
aws ec2 run-instances --image-id $X86 --query 'Instances[0].[InstanceType,Architecture,CpuOptions.CoreCount,CpuOptions.ThreadsPerCore]' --output text
