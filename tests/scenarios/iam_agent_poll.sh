# Registering is not all the agent does: once registered it asks ECS where to poll
# (ecs:DiscoverPollEndpoint, which takes no resource) and polls for work as its container
# instance (ecs:Poll). A role that allows only ecs:RegisterContainerInstance lets the instance
# join, but its agent never connects: agentConnected stays false, placement says AGENT, and
# sim agent-log quotes IAM's AccessDenied. Allowing the two calls lets the agent connect on its
# next restart, and the task is placed.
# seed: 23
aws ecs create-cluster --cluster-name lab --query cluster.status --output text
aws iam create-role --role-name node --assume-role-policy-document file://data/iam_ec2_trust.json --query Role.RoleName --output text
aws iam put-role-policy --role-name node --policy-name join --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecs:RegisterContainerInstance","Resource":"arn:aws:ecs:us-east-1:123456789012:cluster/lab"}]}'
aws iam create-instance-profile --instance-profile-name node --query InstanceProfile.InstanceProfileName --output text
aws iam add-role-to-instance-profile --instance-profile-name node --role-name node
AMI=$(aws ssm get-parameter --name /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --query Parameter.Value --output text)
ID=$(aws ec2 run-instances --image-id $AMI --instance-type t3.small --iam-instance-profile Name=node --user-data file://data/ec2_user_data_lab.txt --query 'Instances[0].InstanceId' --output text)
sleep 120
aws ecs describe-container-instances --cluster lab --container-instances $(aws ecs list-container-instances --cluster lab --query containerInstanceArns --output text) --query 'containerInstances[0].[status,agentConnected]' --output text
sim agent-log --instance $ID
aws ecs register-task-definition --family web --container-definitions '[{"name":"web","image":"nginx","memory":128}]' --query taskDefinition.revision
aws ecs run-task --cluster lab --task-definition web --query 'failures[].reason' --output text
aws iam put-role-policy --role-name node --policy-name poll --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:DiscoverPollEndpoint","ecs:Poll"],"Resource":"*"}]}'
sleep 60
aws ecs describe-container-instances --cluster lab --container-instances $(aws ecs list-container-instances --cluster lab --query containerInstanceArns --output text) --query 'containerInstances[0].[status,agentConnected]' --output text
aws ecs run-task --cluster lab --task-definition web --query 'length(tasks)'
