# EC2 DescribeAvailabilityZones: the six us-east-1 zones filtered by zone name, zone id, state and
# zone type; --zone-names and --zone-ids; refusals for a zone that does not exist in the region,
# a zone of another region, an unknown zone id and an unknown filter name.
aws ec2 describe-availability-zones --zone-names us-east-1b us-east-1d
aws ec2 describe-availability-zones --zone-ids use1-az4 --query 'AvailabilityZones[].[ZoneName,ZoneId,State]' --output text
aws ec2 describe-availability-zones --filters Name=zone-name,Values=us-east-1e,us-east-1f --query 'AvailabilityZones[].ZoneId'
aws ec2 describe-availability-zones --filters Name=zone-id,Values=use1-az6 --query 'AvailabilityZones[0].ZoneName' --output text
aws ec2 describe-availability-zones --filters Name=state,Values=available --query 'length(AvailabilityZones)'
aws ec2 describe-availability-zones --filters Name=region-name,Values=us-east-1 Name=zone-type,Values=availability-zone --query 'AvailabilityZones[].ZoneName' --output text
aws ec2 describe-availability-zones --filters Name=zone-type,Values=local-zone
aws ec2 describe-availability-zones --all-availability-zones --query 'AvailabilityZones[].[ZoneName,OptInStatus]' --output table
# Bad: a zone letter the region does not have, a zone of another region, an unknown zone id.
aws ec2 describe-availability-zones --zone-names us-east-1z
aws ec2 describe-availability-zones --zone-names us-west-2a
aws ec2 describe-availability-zones --zone-ids use1-az9
aws ec2 describe-availability-zones --filters Name=zone-colour,Values=blue
