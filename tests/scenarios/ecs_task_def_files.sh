# Task definitions read from files next to the script: --cli-input-json file:// with a whole
# Fargate task definition ("1 GB" memory, tags), --container-definitions file:// with a JSON list
# (bridge, dependsOn), --cli-input-json overridden by an explicit --family, a file whose task
# definition breaks a rule (container memory above the task's), a file with a key the request
# does not take (as pasted from describe-task-definition), and a file that does not exist.
aws ecs register-task-definition --cli-input-json file://data/ecs_taskdef_fargate.json
aws ecs register-task-definition --family sleep360 --container-definitions file://data/ecs_containers_bridge.json
aws ecs register-task-definition --cli-input-json file://data/ecs_taskdef_fargate.json --family from-file-copy --query 'taskDefinition.[family,revision,memory]' --output text
aws ecs register-task-definition --cli-input-json file://data/ecs_taskdef_fargate.json --query 'taskDefinition.[family,revision]' --output text
aws ecs describe-task-definition --task-definition from-file --include TAGS --query '{td:taskDefinition.taskDefinitionArn,tags:tags}'
aws ecs register-task-definition --cli-input-json file://data/ecs_taskdef_bad.json
aws ecs register-task-definition --cli-input-json file://data/ecs_taskdef_unknown_key.json
aws ecs register-task-definition --family sleep360 --container-definitions file://data/ecs_no_such_file.json
aws ecs list-task-definitions
