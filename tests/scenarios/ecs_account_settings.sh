# ECS account settings: list-account-settings on a new account (own settings, then
# --effective-settings), put-account-setting-default awsvpcTrunking, put-account-setting for the
# caller and for another principal (--principal-arn), list-account-settings filtered by --name
# and --value, for a principal with and without --effective-settings; then invalid names and
# values, --value without --name, and a malformed principal ARN.
aws ecs list-account-settings
aws ecs list-account-settings --effective-settings
aws ecs list-account-settings --effective-settings --name awsvpcTrunking
aws ecs put-account-setting-default --name awsvpcTrunking --value enabled
aws ecs list-account-settings --name awsvpcTrunking
aws ecs put-account-setting --name containerInsights --value enhanced
aws ecs put-account-setting --name awsvpcTrunking --value disabled --principal-arn arn:aws:iam::123456789012:role/ops
aws ecs list-account-settings --principal-arn arn:aws:iam::123456789012:role/ops
aws ecs list-account-settings --principal-arn arn:aws:iam::123456789012:role/dev
aws ecs list-account-settings --principal-arn arn:aws:iam::123456789012:role/dev --effective-settings --name awsvpcTrunking
aws ecs list-account-settings --name containerInsights --value enhanced --query 'settings[].[name,value]' --output text
aws ecs list-account-settings --name containerInsights --value disabled
aws ecs list-account-settings --value enabled
aws ecs put-account-setting-default --name fargateTaskRetirementWaitPeriod --value 14 --query setting
aws ecs put-account-setting --name awsvpcTrunking --value on
aws ecs put-account-setting --name vpcTrunking --value enabled
aws ecs put-account-setting-default --name containerInsights --value maybe
aws ecs list-account-settings --name trunking
aws ecs put-account-setting --name awsvpcTrunking --value enabled --principal-arn ops
aws ecs put-account-setting --name awsvpcTrunking
