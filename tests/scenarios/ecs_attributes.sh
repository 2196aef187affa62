# Custom attributes on container instances: put-attributes (with and without a value, by ARN,
# overwriting a value), list-attributes (all, by --attribute-name, by name and value, a value
# without a name), delete-attributes, a filter on a custom attribute; then the errors: invalid
# names and values, an 11th custom attribute (more than 10), an unknown target, a missing
# --target-type, and an unknown cluster.
# seed: 21
aws ecs create-cluster --cluster-name attrs --query cluster.status --output text
# use: ec2-ready-inline
aws ec2 run-instances --image-id $AMI --instance-type t3.micro --count 2 --iam-instance-profile Name=ecsInstanceRole --user-data "#!/bin/bash
echo ECS_CLUSTER=attrs >> /etc/ecs/ecs.config" --query 'length(Instances)'
sleep 90
CI1=$(aws ecs list-container-instances --cluster attrs --query 'containerInstanceArns[0]' --output text)
CI2=$(aws ecs list-container-instances --cluster attrs --query 'containerInstanceArns[1]' --output text)
aws ecs put-attributes --cluster attrs --attributes name=stack,value=prod,targetId=$CI1 name=gpu,targetId=$CI1 name=stack,value=dev,targetId=$CI2
aws ecs put-attributes --cluster attrs --attributes name=stack,value=staging,targetType=container-instance,targetId=$CI2 --query 'attributes[0].value' --output text
aws ecs list-attributes --cluster attrs --target-type container-instance --attribute-name stack
aws ecs list-attributes --cluster attrs --target-type container-instance --attribute-name stack --attribute-value prod --query 'length(attributes)'
aws ecs list-attributes --cluster attrs --target-type container-instance --query 'length(attributes)'
aws ecs list-container-instances --cluster attrs --filter "attribute:stack == staging" --query 'length(containerInstanceArns)'
aws ecs list-container-instances --cluster attrs --filter "attribute:gpu exists" --query 'length(containerInstanceArns)'
aws ecs delete-attributes --cluster attrs --attributes name=gpu,targetId=$CI1
aws ecs list-attributes --cluster attrs --target-type container-instance --attribute-name gpu
aws ecs list-attributes --cluster attrs --target-type container-instance --attribute-value prod
aws ecs list-attributes --cluster attrs --target-type task-definition
aws ecs list-attributes --cluster attrs
aws ecs put-attributes --cluster attrs --attributes 'name=bad name,value=x,targetId='$CI1
aws ecs put-attributes --cluster attrs --attributes name=stack,value=' padded',targetId=$CI1
aws ecs put-attributes --cluster attrs --attributes name=stack,value='a#b',targetId=$CI1
aws ecs put-attributes --cluster attrs --attributes name=a1,targetId=$CI1 name=a2,targetId=$CI1 name=a3,targetId=$CI1 name=a4,targetId=$CI1 name=a5,targetId=$CI1 name=a6,targetId=$CI1 name=a7,targetId=$CI1 name=a8,targetId=$CI1 name=a9,targetId=$CI1 name=a10,targetId=$CI1
aws ecs put-attributes --cluster attrs --attributes name=a1,targetId=$CI1 name=a2,targetId=$CI1 name=a3,targetId=$CI1 name=a4,targetId=$CI1 name=a5,targetId=$CI1 name=a6,targetId=$CI1 name=a7,targetId=$CI1 name=a8,targetId=$CI1 name=a9,targetId=$CI1 --query 'length(attributes)'
aws ecs put-attributes --cluster attrs --attributes name=stack,value=prod,targetId=0123456789abcdef0123456789abcdef
aws ecs put-attributes --cluster attrs --attributes name=stack,value=prod
aws ecs put-attributes --cluster attrs --attributes value=prod,targetId=$CI1
aws ecs delete-attributes --cluster attrs --attributes name=never-set,targetId=$CI1
aws ecs put-attributes --cluster nope --attributes name=stack,value=prod,targetId=$CI1
