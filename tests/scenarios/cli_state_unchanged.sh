# A refused call changes nothing: `sim state` is printed before and after a run of refused
# requests (service errors and CLI usage errors alike: a /8 VPC, an overlapping subnet, a subnet
# outside its VPC, an unknown AMI, 12 instances for a /28's 11 addresses, a duplicate security group, a duplicate
# rule, a malformed policy, a second role in a profile, an unknown option, a --dry-run) and the
# two dumps are identical. The few objects created first are in both dumps.
# seed: 53
VPC=$(aws ec2 create-vpc --cidr-block 10.70.0.0/16 --query Vpc.VpcId --output text)
SUB=$(aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.70.1.0/28 --availability-zone us-east-1a --query Subnet.SubnetId --output text)
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
SG=$(aws ec2 create-security-group --group-name app --description app --vpc-id $VPC --query GroupId --output text)
aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 80 --cidr 0.0.0.0/0 --query Return
aws iam create-role --role-name app --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam create-role --role-name other --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam create-instance-profile --instance-profile-name app --query InstanceProfile.InstanceProfileName --output text
aws iam add-role-to-instance-profile --instance-profile-name app --role-name app
sim state
aws ec2 create-vpc --cidr-block 10.0.0.0/8
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.70.1.0/24 --availability-zone us-east-1a
aws ec2 create-subnet --vpc-id $VPC --cidr-block 10.71.0.0/24 --availability-zone us-east-1a
aws ec2 run-instances --image-id ami-0123456789abcdef0 --subnet-id $SUB
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --count 12 --subnet-id $SUB
aws ec2 create-security-group --group-name app --description app --vpc-id $VPC
aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 80 --cidr 0.0.0.0/0
aws iam put-role-policy --role-name app --policy-name p --policy-document '{"Version":'
aws iam add-role-to-instance-profile --instance-profile-name app --role-name other
aws ec2 create-vpc --cidr-block 10.80.0.0/16 --colour blue
aws ec2 create-vpc --cidr-block 10.80.0.0/16 --dry-run
aws ec2 delete-vpc --vpc-id $VPC
sim state
