# register-task-definition failures, one rule per line (ECS-REFERENCE §10.3): no image, no name,
# EC2 container without memory, Fargate without task cpu / memory, Fargate in bridge mode, an
# invalid Fargate cpu value and an invalid cpu/memory pair, awsvpc host port != container port,
# container memory above the task's, memory not above memoryReservation, no essential container,
# a distinctInstance constraint in a task definition, Fargate pidMode host, awslogs on Fargate
# without an execution role, a bad family name, duplicate container names, an unknown network
# mode; and the CLI's own checks (missing --family, malformed JSON, a wrong type).
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","memory":128}]'
aws ecs register-task-definition --family bad --container-definitions '[{"image":"nginx","memory":128}]'
aws ecs register-task-definition --family bad --requires-compatibilities EC2 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode bridge --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 300 --memory 512 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 4096 --memory 4096 --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory "4 GB" --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --network-mode awsvpc --container-definitions '[{"name":"app","image":"nginx","memory":128,"portMappings":[{"containerPort":80,"hostPort":8080}]}]'
aws ecs register-task-definition --family bad --memory 256 --container-definitions '[{"name":"app","image":"nginx","memory":512}]'
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","image":"nginx","memory":128,"memoryReservation":256}]'
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","image":"nginx","memory":128,"essential":false}]'
aws ecs register-task-definition --family bad --placement-constraints type=distinctInstance --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family bad --placement-constraints 'type=memberOf,expression=attribute:ecs.instance-type ==' --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --pid-mode host --container-definitions '[{"name":"app","image":"nginx"}]'
aws ecs register-task-definition --family bad --requires-compatibilities FARGATE --network-mode awsvpc --cpu 256 --memory 512 --container-definitions '[{"name":"app","image":"nginx","logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/bad","awslogs-region":"us-east-1","awslogs-stream-prefix":"ecs"}}}]'
aws ecs register-task-definition --family 'my app' --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","image":"nginx","memory":128},{"name":"app","image":"redis","memory":128}]'
aws ecs register-task-definition --family bad --network-mode nat --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","image":"nginx","memory":4}]'
aws ecs register-task-definition --family bad --container-definitions '[]'
aws ecs register-task-definition --container-definitions '[{"name":"app","image":"nginx","memory":128}]'
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","image":"nginx","memory":128'
aws ecs register-task-definition --family bad --container-definitions '[{"name":"app","image":"nginx","memory":"lots"}]'
aws ecs list-task-definitions --family-prefix bad
