# EFS resources: a file system is creating, then available; mount targets (one per AZ, one VPC)
# each take an address of their subnet through an EFS-managed ENI, visible in the subnet's free
# count and in describe-network-interfaces, and give it back when deleted; access points with a
# POSIX user and a root directory; the file system policy; every refusal leaves things as they
# were, and task definitions whose EFS volumes break the rules of transit encryption, IAM
# authorization and access points are refused.
# seed: 9
VPC=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
SUBNET_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUBNET_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
aws ec2 create-vpc --cidr-block 10.9.0.0/16 --query Vpc.VpcId --output text
OTHER=$(aws ec2 describe-vpcs --filters Name=cidr,Values=10.9.0.0/16 --query 'Vpcs[0].VpcId' --output text)
OTHER_SUBNET=$(aws ec2 create-subnet --vpc-id $OTHER --cidr-block 10.9.1.0/28 --availability-zone us-east-1c --query Subnet.SubnetId --output text)
aws efs create-file-system --creation-token shared --encrypted --tags Key=Name,Value=shared --query '[LifeCycleState,Name,PerformanceMode,ThroughputMode,Encrypted,NumberOfMountTargets,SizeInBytes.Value]' --output text
FS=$(aws efs describe-file-systems --creation-token shared --query 'FileSystems[0].FileSystemId' --output text)
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_A
sleep 10
aws efs describe-file-systems --file-system-id $FS --query 'FileSystems[0].LifeCycleState' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET_A --query 'Subnets[0].AvailableIpAddressCount'
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_A --query '[LifeCycleState,IpAddress,AvailabilityZoneName,VpcId]' --output text
aws ec2 describe-subnets --subnet-ids $SUBNET_A --query 'Subnets[0].AvailableIpAddressCount'
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_A
aws efs create-mount-target --file-system-id $FS --subnet-id $OTHER_SUBNET
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_B --ip-address 10.0.0.9
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_B --ip-address 172.31.16.1
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_B --security-groups sg-0000000000000000a
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_B --security-groups sg-1 sg-2 sg-3 sg-4 sg-5 sg-6
aws efs describe-mount-targets --file-system-id $FS --query 'length(MountTargets)'
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_B --ip-address 172.31.16.40 --query '[LifeCycleState,IpAddress,AvailabilityZoneName]' --output text
sleep 100
aws efs describe-mount-targets --file-system-id $FS --query 'MountTargets[].[AvailabilityZoneName,LifeCycleState,IpAddress]' --output text
MT=$(aws efs describe-mount-targets --file-system-id $FS --query 'MountTargets[0].MountTargetId' --output text)
aws efs describe-mount-target-security-groups --mount-target-id $MT --query 'length(SecurityGroups)'
aws ec2 describe-network-interfaces --filters Name=subnet-id,Values=$SUBNET_A --query 'NetworkInterfaces[].[Description,RequesterManaged,PrivateIpAddress]' --output text
aws efs create-access-point --file-system-id $FS --posix-user Uid=1000,Gid=1000 --root-directory 'Path=/app/data,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=755}' --tags Key=Name,Value=app --query '[Name,LifeCycleState,PosixUser,RootDirectory]' --output json
aws efs create-access-point --file-system-id $FS --root-directory Path=relative
aws efs create-access-point --file-system-id $FS --root-directory 'Path=/x,CreationInfo={OwnerUid=1,OwnerGid=1,Permissions=999}'
aws efs describe-access-points --file-system-id $FS --query 'length(AccessPoints)'
aws efs describe-file-system-policy --file-system-id $FS
aws efs put-file-system-policy --file-system-id $FS --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"elasticfilesystem:ClientMount","Resource":"*"}]}'
aws efs put-file-system-policy --file-system-id $FS --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["elasticfilesystem:ClientMount","elasticfilesystem:ClientWrite"],"Condition":{"Bool":{"elasticfilesystem:AccessedViaMountTarget":"true"}}}]}' --query FileSystemId --output text
aws efs describe-file-system-policy --file-system-id $FS --query Policy --output text
aws efs delete-file-system --file-system-id $FS
aws efs create-file-system --creation-token shared
aws efs create-file-system --throughput-mode provisioned
aws efs create-file-system --availability-zone-name us-east-1d --performance-mode maxIO
aws efs describe-file-systems --file-system-id fs-0123456789abcdef0
aws efs delete-mount-target --mount-target-id $MT
sleep 30
aws efs describe-mount-targets --file-system-id $FS --query 'length(MountTargets)'
aws ec2 describe-subnets --subnet-ids $SUBNET_A --query 'Subnets[0].AvailableIpAddressCount'
sim ips --subnet $SUBNET_B
aws ecs register-task-definition --family bad --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"authorizationConfig\":{\"iam\":\"ENABLED\"}}}]" --container-definitions '[{"name":"a","image":"busybox","memory":64}]'
aws ecs register-task-definition --family bad --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"authorizationConfig\":{\"accessPointId\":\"fsap-0123456789abcdef0\"}}}]" --container-definitions '[{"name":"a","image":"busybox","memory":64}]'
aws ecs register-task-definition --family bad --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"rootDirectory\":\"/app\",\"transitEncryption\":\"ENABLED\",\"authorizationConfig\":{\"accessPointId\":\"fsap-0123456789abcdef0\"}}}]" --container-definitions '[{"name":"a","image":"busybox","memory":64}]'
aws ecs register-task-definition --family bad --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"transitEncryption\":\"YES\"}}]" --container-definitions '[{"name":"a","image":"busybox","memory":64}]'
aws ecs register-task-definition --family good --volumes "[{\"name\":\"v\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"rootDirectory\":\"/\",\"transitEncryption\":\"ENABLED\",\"transitEncryptionPort\":2999,\"authorizationConfig\":{\"accessPointId\":\"fsap-0123456789abcdef0\",\"iam\":\"ENABLED\"}}}]" --container-definitions '[{"name":"a","image":"busybox","memory":64,"mountPoints":[{"sourceVolume":"v","containerPath":"/mnt"}]}]' --query 'taskDefinition.requiresAttributes[].name' --output text
