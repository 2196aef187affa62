# EC2 CreateSecurityGroup / AuthorizeSecurityGroupIngress / DescribeSecurityGroups. Good: a group
# in a new VPC (which got its own "default" group), a group in the default VPC (no --vpc-id),
# ingress rules in every form: --protocol/--port/--cidr, a port range, --source-group, --protocol
# all, --ip-permissions as JSON and as shorthand (with a rule description), by --group-name in
# the default VPC; describe by id, by name and by filters. Bad: a duplicate group name in the
# same VPC, a name starting with sg-, an unknown VPC, a duplicate rule (InvalidPermission.Duplicate),
# an unknown group id or name, a malformed CIDR and an unknown protocol number.
# seed: 21
VPC=$(aws ec2 create-vpc --cidr-block 10.4.0.0/16 --query Vpc.VpcId --output text)
aws ec2 describe-security-groups --filters Name=vpc-id,Values=$VPC --query 'SecurityGroups[].[GroupName,Description]' --output text
WEB=$(aws ec2 create-security-group --group-name web --description "web tier" --vpc-id $VPC --query GroupId --output text)
aws ec2 create-security-group --group-name web --description "another web tier" --vpc-id $VPC
aws ec2 create-security-group --group-name sg-web --description "bad name" --vpc-id $VPC
aws ec2 create-security-group --group-name web --description "web tier" --vpc-id vpc-0123456789abcdef0
aws ec2 create-security-group --group-name bastion --description "ssh in the default VPC"
aws ec2 authorize-security-group-ingress --group-id $WEB --protocol tcp --port 80 --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id $WEB --protocol tcp --port 8000-8100 --cidr 10.4.0.0/16 --query 'SecurityGroupRules[0].[FromPort,ToPort,CidrIpv4]' --output text
aws ec2 authorize-security-group-ingress --group-id $WEB --protocol tcp --port 5432 --source-group $WEB --query 'SecurityGroupRules[0].ReferencedGroupInfo'
aws ec2 authorize-security-group-ingress --group-id $WEB --ip-permissions '[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"10.0.0.0/8","Description":"internal https"}]}]'
aws ec2 authorize-security-group-ingress --group-id $WEB --ip-permissions 'IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=10.4.0.0/16,Description=dns}]' --query 'SecurityGroupRules[0].[IpProtocol,FromPort,CidrIpv4,Description]' --output text
aws ec2 authorize-security-group-ingress --group-id $WEB --protocol all --cidr 10.4.1.0/24 --query 'SecurityGroupRules[0].[IpProtocol,FromPort,ToPort]' --output text
aws ec2 authorize-security-group-ingress --group-name bastion --protocol tcp --port 22 --cidr 203.0.113.0/24 --query 'SecurityGroupRules[0].[IsEgress,CidrIpv4]' --output text
# Duplicates and unknowns.
aws ec2 authorize-security-group-ingress --group-id $WEB --protocol tcp --port 80 --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 22 --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-name nope --protocol tcp --port 22 --cidr 0.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id $WEB --protocol tcp --port 22 --cidr 300.0.0.0/0
aws ec2 authorize-security-group-ingress --group-id $WEB --ip-permissions '[{"IpProtocol":"999","IpRanges":[{"CidrIp":"10.0.0.0/8"}]}]'
aws ec2 describe-security-groups --group-ids $WEB
aws ec2 describe-security-groups --group-names bastion --query 'SecurityGroups[0].IpPermissions[0].IpRanges'
aws ec2 describe-security-groups --filters Name=group-name,Values=default --query 'SecurityGroups[].VpcId' --output text
aws ec2 describe-security-groups --group-ids sg-0123456789abcdef0
aws ec2 describe-security-groups --group-names nope
aws ec2 describe-security-groups --filters Name=flavour,Values=x
