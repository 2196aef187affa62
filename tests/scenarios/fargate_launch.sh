# Fargate: no instances at all. The task definition's cpu/memory must be a Fargate size;
# awsvpc and a network configuration are required; placement strategies and constraints are
# refused; the subnets and security groups are checked. Six tasks over three subnets in three
# AZs spread two per AZ (the sandbox's rule: fewest tasks of the group, ties by the seed). Each
# task reports its platform version (LATEST = 1.4.0), 20 GiB of ephemeral storage and its ENI;
# with assignPublicIp=ENABLED its ENI gets a public IP.
# seed: 5
aws ecs create-cluster --cluster-name f --query cluster.status --output text
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 4096 --container-definitions '[{"name":"app","image":"nginx:1.27"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 300 --memory 1024 --container-definitions '[{"name":"app","image":"nginx:1.27"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode bridge --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx:1.27"}]'
aws ecs register-task-definition --family app --requires-compatibilities FARGATE --network-mode awsvpc --cpu "0.5 vCPU" --memory "1 GB" --container-definitions '[{"name":"app","image":"nginx:1.27","portMappings":[{"containerPort":80}]}]' --query 'taskDefinition.[cpu,memory,compatibilities]' --output json
aws ecs register-task-definition --family ec2only --container-definitions '[{"name":"app","image":"nginx:1.27","memory":128}]' --query taskDefinition.compatibilities --output text
SUBNETS=$(aws ec2 describe-subnets --filters Name=default-for-az,Values=true --query 'join(`,`, Subnets[0:3].SubnetId)' --output text)
VPC=$(aws ec2 create-vpc --cidr-block 10.1.0.0/16 --query Vpc.VpcId --output text)
OTHER_SG=$(aws ec2 create-security-group --group-name other --description other --vpc-id $VPC --query GroupId --output text)
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE
aws ecs run-task --cluster f --task-definition ec2only --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}"
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}" --placement-strategy type=spread,field=attribute:ecs.availability-zone
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}" --placement-constraints type=distinctInstance
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[subnet-0123456789abcdef0]}"
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$OTHER_SG]}"
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}" --platform-version 1.2.0
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}" --overrides '{"cpu":"256","memory":"4096"}'
aws ecs run-task --cluster f --task-definition ec2only --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS]}"
aws ecs run-task --cluster f --task-definition app --launch-type FARGATE --count 6 --network-configuration "awsvpcConfiguration={subnets=[$SUBNETS],assignPublicIp=ENABLED}" --query 'tasks[].[availabilityZone,lastStatus,launchType,platformVersion,ephemeralStorage.sizeInGiB,cpu,memory]' --output text
sleep 30
aws ecs list-tasks --cluster f --launch-type FARGATE --query 'length(taskArns)'
aws ecs list-tasks --cluster f --launch-type EC2 --query 'length(taskArns)'
T=$(aws ecs list-tasks --cluster f --query 'taskArns[0]' --output text)
aws ecs describe-tasks --cluster f --tasks $T
ENI=$(aws ecs describe-tasks --cluster f --tasks $T --query 'tasks[0].attachments[0].details[?name==`networkInterfaceId`].value|[0]' --output text)
aws ec2 describe-network-interfaces --network-interface-ids $ENI
sim explain --task $T
aws ecs describe-clusters --clusters f --include STATISTICS --query 'clusters[0].[runningTasksCount,statistics[?name==`runningFargateTasksCount`].value|[0],registeredContainerInstancesCount]' --output text
