# The AWS CLI's own ingress shortcuts (--protocol, --port, --cidr, --source-group, from
# awscli/customizations/ec2/secgroupsimplify.py): good forms for a single port, a range, a
# source group by id and by name, ICMP type/code, and "all"; bad forms the CLI itself rejects
# before calling EC2: a port that is not a number, a protocol name it does not know, a protocol
# number out of range, and --ip-permissions mixed with the scalar options.
# seed: 8
SG=$(aws ec2 create-security-group --group-name app --description "app tier" --query GroupId --output text)
aws ec2 create-security-group --group-name lb --description "load balancer" --query GroupId --output text
aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 8080 --cidr 10.0.0.0/8 --query 'SecurityGroupRules[0].[IpProtocol,FromPort,ToPort,CidrIpv4]' --output text
aws ec2 authorize-security-group-ingress --group-id $SG --protocol udp --port 1000-2000 --cidr 10.0.0.0/8 --query 'SecurityGroupRules[0].[IpProtocol,FromPort,ToPort]' --output text
aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port 443 --source-group lb --query 'SecurityGroupRules[0].ReferencedGroupInfo.GroupId' --output text
aws ec2 authorize-security-group-ingress --group-id $SG --protocol icmp --port 8--1 --cidr 10.0.0.0/8 --query 'SecurityGroupRules[0].[IpProtocol,FromPort,ToPort]' --output text
aws ec2 authorize-security-group-ingress --group-id $SG --protocol 6 --port 9000 --cidr 192.168.0.0/16 --query 'SecurityGroupRules[0].IpProtocol' --output text
aws ec2 authorize-security-group-ingress --group-id $SG --protocol all --source-group $SG --query 'SecurityGroupRules[0].IpProtocol' --output text
# Rejected by the CLI itself.
aws ec2 authorize-security-group-ingress --group-id $SG --protocol tcp --port http --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id $SG --protocol sctp --port 22 --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id $SG --protocol 300 --port 22 --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id $SG --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]' --protocol tcp
aws ec2 describe-security-groups --group-ids $SG --query 'SecurityGroups[0].IpPermissions[].[IpProtocol,FromPort,ToPort]' --output text
