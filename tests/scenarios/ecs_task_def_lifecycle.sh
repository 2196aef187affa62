# Task definition lifecycle: describe-task-definition by family (latest ACTIVE), family:revision
# and ARN, with --include TAGS, an unknown family and revision; list-task-definitions
# (--family-prefix, --status INACTIVE, --sort DESC, invalid --sort); list-task-definition-families
# (--family-prefix, with no --status once a family is INACTIVE, --status ALL/INACTIVE);
# deregister-task-definition (then describe shows INACTIVE with deregisteredAt, the bare family
# resolves to the previous ACTIVE revision), deregistering again, a family without a revision,
# an unknown revision, and a new registration continuing the revision count.
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx","memory":128}]' --tags key=tier,value=web --query 'taskDefinition.revision'
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.27","memory":128}]' --query 'taskDefinition.revision'
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.28","memory":256}]' --query 'taskDefinition.revision'
aws ecs register-task-definition --family app-worker --container-definitions '[{"name":"worker","image":"busybox","memory":64}]' --query 'taskDefinition.revision'
aws ecs register-task-definition --family batch --container-definitions '[{"name":"job","image":"busybox","memory":64}]' --query 'taskDefinition.revision'
aws ecs describe-task-definition --task-definition app --query 'taskDefinition.[revision,containerDefinitions[0].image]' --output text
aws ecs describe-task-definition --task-definition app:1 --include TAGS --query '{rev:taskDefinition.revision,tags:tags}'
aws ecs describe-task-definition --task-definition app:2 --query 'keys(@)'
ARN2=$(aws ecs describe-task-definition --task-definition app:2 --query taskDefinition.taskDefinitionArn --output text)
aws ecs describe-task-definition --task-definition $ARN2 --query 'taskDefinition.containerDefinitions[0].image' --output text
aws ecs describe-task-definition --task-definition nope
aws ecs describe-task-definition --task-definition app:9
aws ecs list-task-definitions --family-prefix app
aws ecs list-task-definitions --sort DESC
aws ecs list-task-definition-families
aws ecs list-task-definition-families --family-prefix app
aws ecs deregister-task-definition --task-definition app:3
aws ecs describe-task-definition --task-definition app:3 --query 'taskDefinition.[status,deregisteredAt]' --output text
aws ecs describe-task-definition --task-definition app --query 'taskDefinition.[revision,status]' --output text
aws ecs list-task-definitions --family-prefix app --status INACTIVE
aws ecs deregister-task-definition --task-definition $ARN2 --query 'taskDefinition.status' --output text
aws ecs deregister-task-definition --task-definition batch:1 --query 'taskDefinition.status' --output text
aws ecs list-task-definition-families
aws ecs list-task-definition-families --status INACTIVE
aws ecs list-task-definition-families --status ALL
aws ecs deregister-task-definition --task-definition app:3 --query 'taskDefinition.status' --output text
aws ecs deregister-task-definition --task-definition app
aws ecs deregister-task-definition --task-definition app:7
aws ecs list-task-definitions --sort SIDEWAYS
aws ecs register-task-definition --family app --container-definitions '[{"name":"app","image":"nginx:1.29","memory":128}]' --query 'taskDefinition.revision'
