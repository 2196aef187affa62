# Tasks in two AZs, one on EC2 and one on Fargate, share a file on EFS. The mount breaks four
# ways first, each with ECS's reason: port 2049 closed on the mount target's security group; no
# mount target in the Fargate task's AZ; Fargate platform 1.3.0; IAM authorization without a
# task role allowing elasticfilesystem:ClientMount. A read-only mount refuses writes; an access
# point confines paths and owns what is written through it; a file system policy that names
# another role refuses the task's writes, and one that names its role allows them again; the
# files outlive the tasks.
# seed: 41
# use: ec2-ready
VPC=$(aws ec2 describe-vpcs --filters Name=is-default,Values=true --query 'Vpcs[0].VpcId' --output text)
SUBNET_A=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1a --query 'Subnets[0].SubnetId' --output text)
SUBNET_B=$(aws ec2 describe-subnets --filters Name=availability-zone,Values=us-east-1b --query 'Subnets[0].SubnetId' --output text)
DEFAULT_SG=$(aws ec2 describe-security-groups --filters Name=vpc-id,Values=$VPC Name=group-name,Values=default --query 'SecurityGroups[0].GroupId' --output text)
aws ecs create-cluster --cluster-name apps --query cluster.status --output text
aws ec2 run-instances --image-id $AMI --instance-type m5.large --subnet-id $SUBNET_A --iam-instance-profile Name=ecsInstanceRole --user-data ECS_CLUSTER=apps --query 'Instances[0].Placement.AvailabilityZone' --output text
FS=$(aws efs create-file-system --creation-token data --tags Key=Name,Value=data --query FileSystemId --output text)
MTSG=$(aws ec2 create-security-group --group-name efs-mt --description "EFS mount targets" --vpc-id $VPC --query GroupId --output text)
sleep 10
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_A --security-groups $MTSG --query IpAddress --output text
sleep 100
aws ecs register-task-definition --family writer --volumes "[{\"name\":\"shared\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\"}}]" --container-definitions '[{"name":"app","image":"busybox","memory":128,"mountPoints":[{"sourceVolume":"shared","containerPath":"/data"}]}]' --query taskDefinition.revision --output text
aws ecs register-task-definition --family reader --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --volumes "[{\"name\":\"shared\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"transitEncryption\":\"ENABLED\"}}]" --container-definitions '[{"name":"app","image":"busybox","mountPoints":[{"sourceVolume":"shared","containerPath":"/mnt/efs","readOnly":true}]}]' --query taskDefinition.revision --output text
W1=$(aws ecs run-task --cluster apps --task-definition writer --query 'tasks[0].taskArn' --output text)
sleep 30
aws ecs describe-tasks --cluster apps --tasks $W1 --query 'tasks[0].[lastStatus,stopCode,stoppedReason]' --output text
aws ec2 authorize-security-group-ingress --group-id $MTSG --protocol tcp --port 2049 --source-group $DEFAULT_SG --query Return
W2=$(aws ecs run-task --cluster apps --task-definition writer --query 'tasks[0].taskArn' --output text)
sleep 30
aws ecs describe-tasks --cluster apps --tasks $W2 --query 'tasks[0].[lastStatus,availabilityZone]' --output text
sim fs write --task $W2 --path /data/hello.txt --data "hello from us-east-1a"
R1=$(aws ecs run-task --cluster apps --task-definition reader --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_B]}" --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster apps --tasks $R1 --query 'tasks[0].[lastStatus,stoppedReason]' --output text
aws efs create-mount-target --file-system-id $FS --subnet-id $SUBNET_B --security-groups $MTSG --query IpAddress --output text
sleep 100
R2=$(aws ecs run-task --cluster apps --task-definition reader --launch-type FARGATE --platform-version 1.3.0 --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_B]}" --query 'tasks[0].taskArn' --output text)
R3=$(aws ecs run-task --cluster apps --task-definition reader --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_B]}" --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster apps --tasks $R2 --query 'tasks[0].[lastStatus,stoppedReason]' --output text
aws ecs describe-tasks --cluster apps --tasks $R3 --query 'tasks[0].[lastStatus,availabilityZone]' --output text
sim fs read --task $R3 --path /mnt/efs/hello.txt
sim fs write --task $R3 --path /mnt/efs/hello.txt --data "overwrite"
sim fs read --task $R3 --path /mnt/efs/missing.txt
aws iam create-role --role-name app --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.RoleName --output text
AP=$(aws efs create-access-point --file-system-id $FS --posix-user Uid=1000,Gid=1000 --root-directory 'Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=755}' --query AccessPointId --output text)
sleep 10
aws ecs register-task-definition --family secure --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --task-role-arn arn:aws:iam::123456789012:role/app --volumes "[{\"name\":\"shared\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"$FS\",\"transitEncryption\":\"ENABLED\",\"authorizationConfig\":{\"accessPointId\":\"$AP\",\"iam\":\"ENABLED\"}}}]" --container-definitions '[{"name":"app","image":"busybox","mountPoints":[{"sourceVolume":"shared","containerPath":"/srv"}]}]' --query taskDefinition.revision --output text
S1=$(aws ecs run-task --cluster apps --task-definition secure --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_B]}" --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster apps --tasks $S1 --query 'tasks[0].[lastStatus,stoppedReason]' --output text
aws iam put-role-policy --role-name app --policy-name efs --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"elasticfilesystem:ClientMount\",\"Resource\":\"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/$FS\"}]}"
S2=$(aws ecs run-task --cluster apps --task-definition secure --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNET_B]}" --query 'tasks[0].taskArn' --output text)
sleep 60
aws ecs describe-tasks --cluster apps --tasks $S2 --query 'tasks[0].lastStatus' --output text
sim fs write --task $S2 --path /srv/config.json --data '{"mode":"safe"}'
aws iam put-role-policy --role-name app --policy-name efs --policy-document "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"elasticfilesystem:ClientMount\",\"elasticfilesystem:ClientWrite\"],\"Resource\":\"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/$FS\"}]}"
sim fs write --task $S2 --path /srv/config.json --data '{"mode":"safe"}'
aws efs put-file-system-policy --file-system-id $FS --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/other"},"Action":["elasticfilesystem:ClientMount","elasticfilesystem:ClientWrite"],"Resource":"*"}]}' --query FileSystemId --output text
sim fs write --task $S2 --path /srv/config.json --data '{"mode":"other"}'
aws efs put-file-system-policy --file-system-id $FS --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":["elasticfilesystem:ClientMount","elasticfilesystem:ClientWrite"],"Resource":"*"}]}' --query FileSystemId --output text
sim fs write --task $S2 --path /srv/config.json --data '{"mode":"safe"}'
sim fs read --task $W2 --path /data/app/config.json
aws ecs stop-task --cluster apps --task $W2 --query task.desiredStatus --output text
aws ecs stop-task --cluster apps --task $S2 --query task.desiredStatus --output text
sleep 120
sim fs ls --file-system $FS
aws ec2 describe-subnets --subnet-ids $SUBNET_A $SUBNET_B --query 'Subnets[].[AvailabilityZone,AvailableIpAddressCount]' --output text
