# EC2 instance states over simulated time: pending right after RunInstances, running after boot,
# shutting-down right after TerminateInstances, terminated a little later (then no private IP,
# no network interface, and a StateTransitionReason naming the time). DescribeInstances filters:
# instance-state-name, instance-type, availability-zone, subnet-id, vpc-id, tag:Name,
# image-id, private-ip-address; unknown and malformed instance ids; an unknown filter name.
# TerminateInstances of an already terminated instance reports terminated -> terminated.
# seed: 23
AMI=$(aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 --query Parameter.Value --output text)
SUB=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1c --query 'Subnets[0].SubnetId' --output text)
WEB=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --subnet-id $SUB --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=web}]' --query 'Instances[0].InstanceId' --output text)
aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUB --count 2 --query 'Instances[].[InstanceType,State.Name,State.Code]' --output text
aws ec2 describe-instances --instance-ids $WEB --query 'Reservations[0].Instances[0].[State.Name,State.Code,Tags[0].Value]' --output text
sleep 30
aws ec2 describe-instances --instance-ids $WEB
aws ec2 describe-instances --filters Name=instance-state-name,Values=running --query 'length(Reservations[].Instances[])'
aws ec2 describe-instances --filters Name=instance-type,Values=m5.large --query 'Reservations[].Instances[].InstanceType' --output text
aws ec2 describe-instances --filters Name=tag:Name,Values=web Name=availability-zone,Values=us-east-1c --query 'Reservations[].Instances[].InstanceId' --output text
aws ec2 describe-instances --filters Name=subnet-id,Values=$SUB Name=image-id,Values=$AMI --query 'length(Reservations[].Instances[])'
aws ec2 describe-instances --filters Name=availability-zone,Values=us-east-1a
aws ec2 describe-instances --filters Name=private-ip-address,Values=172.31.32.4 --query 'Reservations[].Instances[].Tags[].Value' --output text
aws ec2 terminate-instances --instance-ids $WEB
aws ec2 describe-instances --instance-ids $WEB --query 'Reservations[0].Instances[0].[State.Name,PrivateIpAddress]' --output text
sleep 60
aws ec2 describe-instances --instance-ids $WEB
aws ec2 describe-instances --filters Name=instance-state-name,Values=terminated --query 'Reservations[].Instances[].Tags[].Value' --output text
aws ec2 describe-instances --filters Name=instance-state-name,Values=running --query 'Reservations[].Instances[].InstanceType' --output text
aws ec2 terminate-instances --instance-ids $WEB --query 'TerminatingInstances[0].[PreviousState.Name,CurrentState.Name]' --output text
aws ec2 terminate-instances --instance-ids i-0123456789abcdef0
aws ec2 terminate-instances --instance-ids banana
aws ec2 describe-instances --instance-ids i-0123456789abcdef0 i-0fedcba9876543210
aws ec2 describe-instances --instance-ids banana
aws ec2 describe-instances --filters Name=flavour,Values=x
aws ec2 terminate-instances
