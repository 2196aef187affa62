# register-task-definition that succeeds: an EC2 bridge task (dynamic and static host ports,
# memoryReservation below memory), an awsvpc EC2 task (host port filled from the container port),
# a Fargate task with cpu/memory in units and in the "1 vCPU"/"2 GB" forms (stored as 1024/2048),
# a Fargate task at every CPU size's smallest memory, task-level memory only, tags in the response,
# and revisions incrementing within a family (and starting at 1 in another).
aws ecs register-task-definition --family web --container-definitions '[{"name":"nginx","image":"nginx:1.27","cpu":256,"memory":512,"memoryReservation":256,"portMappings":[{"containerPort":80},{"containerPort":443,"hostPort":8443}],"essential":true}]'
aws ecs register-task-definition --family web --network-mode bridge --container-definitions '[{"name":"nginx","image":"nginx:1.27","memory":256}]' --query 'taskDefinition.[family,revision,networkMode,status]' --output text
aws ecs register-task-definition --family web --container-definitions name=nginx,image=nginx:1.27,memory=128 --query 'taskDefinition.taskDefinitionArn' --output text
aws ecs register-task-definition --family api --network-mode awsvpc --requires-compatibilities EC2 --container-definitions '[{"name":"api","image":"public.ecr.aws/docker/library/httpd:2.4","memory":256,"portMappings":[{"containerPort":8080,"protocol":"tcp"}]}]'
aws ecs register-task-definition --family fargate-web --network-mode awsvpc --requires-compatibilities FARGATE --cpu 256 --memory 512 \
    --execution-role-arn arn:aws:iam::123456789012:role/ecsTaskExecutionRole \
    --container-definitions '[{"name":"app","image":"httpd:2.4","portMappings":[{"containerPort":80}],"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/web","awslogs-region":"us-east-1","awslogs-stream-prefix":"ecs"}}}]'
aws ecs register-task-definition --family fargate-web --network-mode awsvpc --requires-compatibilities FARGATE --cpu "1 vCPU" --memory "2 GB" \
    --container-definitions '[{"name":"app","image":"httpd:2.4"}]' --query 'taskDefinition.[revision,cpu,memory,compatibilities]' --output json
aws ecs register-task-definition --family fargate-web --network-mode awsvpc --requires-compatibilities FARGATE --cpu "0.5 vcpu" --memory 3GB \
    --container-definitions '[{"name":"app","image":"httpd:2.4"}]' --query 'taskDefinition.[revision,cpu,memory]' --output text
aws ecs register-task-definition --family fargate-sizes --network-mode awsvpc --requires-compatibilities FARGATE --cpu 2048 --memory 16384 --container-definitions '[{"name":"app","image":"httpd:2.4"}]' --query 'taskDefinition.[cpu,memory]' --output text
aws ecs register-task-definition --family fargate-sizes --network-mode awsvpc --requires-compatibilities FARGATE --cpu 4096 --memory 30720 --container-definitions '[{"name":"app","image":"httpd:2.4"}]' --query 'taskDefinition.[cpu,memory]' --output text
aws ecs register-task-definition --family fargate-sizes --network-mode awsvpc --requires-compatibilities FARGATE --cpu 8192 --memory 20480 --container-definitions '[{"name":"app","image":"httpd:2.4"}]' --query 'taskDefinition.[cpu,memory]' --output text
aws ecs register-task-definition --family fargate-sizes --network-mode awsvpc --requires-compatibilities FARGATE --cpu 16384 --memory 122880 --container-definitions '[{"name":"app","image":"httpd:2.4"}]' --query 'taskDefinition.[cpu,memory,revision]' --output text
aws ecs register-task-definition --family both --network-mode awsvpc --requires-compatibilities EC2 FARGATE --cpu 512 --memory 1024 --container-definitions '[{"name":"app","image":"httpd:2.4","memoryReservation":512}]' --query 'taskDefinition.[requiresCompatibilities,compatibilities]' --output json
aws ecs register-task-definition --family taskmem --memory 512 --container-definitions '[{"name":"a","image":"redis:7"},{"name":"b","image":"busybox","essential":false,"command":["sleep","3600"]}]' --query 'taskDefinition.{mem:memory,containers:containerDefinitions[].[name,essential]}'
aws ecs register-task-definition --family tagged --container-definitions '[{"name":"a","image":"redis:7","memory":64}]' --tags key=team,value=data --query '{rev:taskDefinition.revision,tags:tags}'
aws ecs register-task-definition --family web --container-definitions '[{"name":"nginx","image":"nginx:1.27","memory":128,"environment":[{"name":"MODE","value":"prod"}],"healthCheck":{"command":["CMD-SHELL","curl -f http://localhost/ || exit 1"]}}]' --query 'taskDefinition.{rev:revision,env:containerDefinitions[0].environment,hc:containerDefinitions[0].healthCheck}'
