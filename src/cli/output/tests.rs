use super::*;
use crate::cli::python;
use serde_json::json;

// Every expected output below was produced by the real AWS CLI formatters (the `awscli`
// Python package, `awscli/formatter.py`, `text.py` and `table.py`, with stdout not a tty),
// and the `aws_cli_*` ones are copied from the aws-cli test suite
// (tests/unit/output/test_table_formatter.py).

/// (case, command title, response after --query, exact CLI output)
const JSON_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "describe_clusters",
        "DescribeClusters",
        r#"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "clusterName": "default", "status": "ACTIVE", "registeredContainerInstancesCount": 2, "runningTasksCount": 3, "pendingTasksCount": 0, "activeServicesCount": 1, "statistics": [], "tags": [{"key": "team", "value": "platform"}], "settings": [{"name": "containerInsights", "value": "enabled"}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}], "failures": []}"#,
        r#"
{
    "clusters": [
        {
            "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default",
            "clusterName": "default",
            "status": "ACTIVE",
            "registeredContainerInstancesCount": 2,
            "runningTasksCount": 3,
            "pendingTasksCount": 0,
            "activeServicesCount": 1,
            "statistics": [],
            "tags": [
                {
                    "key": "team",
                    "value": "platform"
                }
            ],
            "settings": [
                {
                    "name": "containerInsights",
                    "value": "enabled"
                }
            ],
            "capacityProviders": [
                "FARGATE",
                "FARGATE_SPOT"
            ],
            "defaultCapacityProviderStrategy": []
        }
    ],
    "failures": []
}
"#,
    ),
    ("empty_object_prints_nothing", "X", r#"{}"#, ""),
    (
        "empty_list",
        "X",
        r#"[]"#,
        r#"
[]
"#,
    ),
    (
        "null",
        "X",
        r#"null"#,
        r#"
null
"#,
    ),
    (
        "false",
        "X",
        r#"false"#,
        r#"
false
"#,
    ),
    (
        "string",
        "X",
        r#""default""#,
        r#"
"default"
"#,
    ),
    (
        "unicode_and_escapes",
        "X",
        r#"{"name": "café 東京", "command": "echo \"hi\"\tdone\\n", "control": "\u0001\u001f", "newline": "a\nb"}"#,
        r#"
{
    "name": "café 東京",
    "command": "echo \"hi\"\tdone\\n",
    "control": "\u0001\u001f",
    "newline": "a\nb"
}
"#,
    ),
    (
        "floats_and_empty_containers",
        "X",
        r#"{"cpu": 0.25, "one": 1.0, "big": 1e+16, "small": 1.5e-05, "tiny": 0.0001, "negative": -2.5, "empty": {}, "none": []}"#,
        r#"
{
    "cpu": 0.25,
    "one": 1.0,
    "big": 1e+16,
    "small": 1.5e-05,
    "tiny": 0.0001,
    "negative": -2.5,
    "empty": {},
    "none": []
}
"#,
    ),
    (
        "list_of_lists",
        "X",
        r#"[["default", "ACTIVE", 3], ["prod", "ACTIVE", 12]]"#,
        r#"
[
    [
        "default",
        "ACTIVE",
        3
    ],
    [
        "prod",
        "ACTIVE",
        12
    ]
]
"#,
    ),
];

/// (case, command title, response after --query, exact CLI output)
const TEXT_CASES: &[(&str, &str, &str, &str)] = &[
        (
            "describe_clusters",
            "X",
            r#"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "clusterName": "default", "status": "ACTIVE", "registeredContainerInstancesCount": 2, "runningTasksCount": 3, "pendingTasksCount": 0, "activeServicesCount": 1, "statistics": [], "tags": [{"key": "team", "value": "platform"}], "settings": [{"name": "containerInsights", "value": "enabled"}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}], "failures": []}"#,
            "\
CLUSTERS\t1\tarn:aws:ecs:us-east-1:123456789012:cluster/default\tdefault\t0\t2\t3\tACTIVE
CAPACITYPROVIDERS\tFARGATE
CAPACITYPROVIDERS\tFARGATE_SPOT
SETTINGS\tcontainerInsights\tenabled
TAGS\tteam\tplatform
",
        ),
        (
            "describe_subnets_with_tags",
            "X",
            r#"{"Subnets": [{"AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 4089, "CidrBlock": "172.31.0.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": false, "State": "available", "SubnetId": "subnet-0bb1c79de3EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE", "Tags": [{"Key": "Name", "Value": "my-subnet-01"}, {"Key": "CostCenter", "Value": "123"}]}, {"AvailabilityZone": "us-east-1b", "AvailableIpAddressCount": 4091, "CidrBlock": "172.31.16.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": true, "State": "available", "SubnetId": "subnet-8EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE"}]}"#,
            "\
SUBNETS\tus-east-1a\t4089\t172.31.0.0/20\tTrue\tFalse\tavailable\tsubnet-0bb1c79de3EXAMPLE\tvpc-0ee975135dEXAMPLE
TAGS\tName\tmy-subnet-01
TAGS\tCostCenter\t123
SUBNETS\tus-east-1b\t4091\t172.31.16.0/20\tTrue\tTrue\tavailable\tsubnet-8EXAMPLE\tvpc-0ee975135dEXAMPLE
",
        ),
        (
            "list_of_lists",
            "X",
            r#"[["default", "ACTIVE", 3], ["prod", "ACTIVE", 12]]"#,
            "\
default\tACTIVE\t3
prod\tACTIVE\t12
",
        ),
        (
            "list_clusters",
            "X",
            r#"{"clusterArns": ["arn:aws:ecs:us-east-1:123456789012:cluster/default", "arn:aws:ecs:us-east-1:123456789012:cluster/prod"]}"#,
            "\
CLUSTERARNS\tarn:aws:ecs:us-east-1:123456789012:cluster/default
CLUSTERARNS\tarn:aws:ecs:us-east-1:123456789012:cluster/prod
",
        ),
        (
            "scalar",
            "X",
            r#""default""#,
            r#"
default
"#,
        ),
        (
            "null",
            "X",
            r#"null"#,
            r#"
None
"#,
        ),
        (
            "true",
            "X",
            r#"true"#,
            r#"
True
"#,
        ),
        (
            "float",
            "X",
            r#"1.0"#,
            r#"
1.0
"#,
        ),
        (
            "int",
            "X",
            r#"3"#,
            r#"
3
"#,
        ),
        (
            "empty_object",
            "X",
            r#"{}"#,
            "",
        ),
        (
            "empty_list",
            "X",
            r#"[]"#,
            "",
        ),
        (
            "repr_of_nested_in_column",
            "X",
            r#"[{"name": "web", "ports": 80}, {"name": "api", "ports": [80, 443], "labels": {"tier": "it's"}}]"#,
            "\
web\t80
api\t[80, 443]
LABELS\tit's
",
        ),
        (
            "nested_scalar_lists",
            "X",
            r#"{"ports": [[80, 443], [8080]], "mixed": [1, [2, 3]], "names": ["web", "api"]}"#,
            "\
MIXED\t1
MIXED\t2
MIXED\t3
NAMES\tweb
NAMES\tapi
PORTS\t80
PORTS\t443
PORTS\t8080
",
        ),
        (
            "floats",
            "X",
            r#"{"cpu": 0.25, "one": 1.0, "big": 1e+16, "small": 1.5e-05, "tiny": 0.0001, "negative": -2.5, "empty": {}, "none": []}"#,
            "\
1e+16\t0.25\t-2.5\t1.0\t1.5e-05\t0.0001
",
        ),
    ];

/// (case, command title, response after --query, exact CLI output)
const TABLE_CASES: &[(&str, &str, &str, &str)] = &[
    (
        "describe_clusters_turns_vertical_past_80",
        "DescribeClusters",
        r#"{"clusters": [{"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/default", "clusterName": "default", "status": "ACTIVE", "registeredContainerInstancesCount": 2, "runningTasksCount": 3, "pendingTasksCount": 0, "activeServicesCount": 1, "statistics": [], "tags": [{"key": "team", "value": "platform"}], "settings": [{"name": "containerInsights", "value": "enabled"}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}], "failures": []}"#,
        r#"
-----------------------------------------------------------------------------------------------
|                                      DescribeClusters                                       |
+---------------------------------------------------------------------------------------------+
||                                         clusters                                          ||
|+------------------------------------+------------------------------------------------------+|
||  activeServicesCount               |  1                                                   ||
||  clusterArn                        |  arn:aws:ecs:us-east-1:123456789012:cluster/default  ||
||  clusterName                       |  default                                             ||
||  pendingTasksCount                 |  0                                                   ||
||  registeredContainerInstancesCount |  2                                                   ||
||  runningTasksCount                 |  3                                                   ||
||  status                            |  ACTIVE                                              ||
|+------------------------------------+------------------------------------------------------+|
|||                                    capacityProviders                                    |||
||+-----------------------------------------------------------------------------------------+||
|||  FARGATE                                                                                |||
|||  FARGATE_SPOT                                                                           |||
||+-----------------------------------------------------------------------------------------+||
|||                                        settings                                         |||
||+-------------------------+---------------------------------------------------------------+||
|||  name                   |  containerInsights                                            |||
|||  value                  |  enabled                                                      |||
||+-------------------------+---------------------------------------------------------------+||
|||                                          tags                                           |||
||+-------------------------------------+---------------------------------------------------+||
|||  key                                |  team                                             |||
|||  value                              |  platform                                         |||
||+-------------------------------------+---------------------------------------------------+||
"#,
    ),
    (
        "describe_subnets_with_tags",
        "DescribeSubnets",
        r#"{"Subnets": [{"AvailabilityZone": "us-east-1a", "AvailableIpAddressCount": 4089, "CidrBlock": "172.31.0.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": false, "State": "available", "SubnetId": "subnet-0bb1c79de3EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE", "Tags": [{"Key": "Name", "Value": "my-subnet-01"}, {"Key": "CostCenter", "Value": "123"}]}, {"AvailabilityZone": "us-east-1b", "AvailableIpAddressCount": 4091, "CidrBlock": "172.31.16.0/20", "DefaultForAz": true, "MapPublicIpOnLaunch": true, "State": "available", "SubnetId": "subnet-8EXAMPLE", "VpcId": "vpc-0ee975135dEXAMPLE"}]}"#,
        r#"
-----------------------------------------------------------
|                     DescribeSubnets                     |
+---------------------------------------------------------+
||                        Subnets                        ||
|+--------------------------+----------------------------+|
||  AvailabilityZone        |  us-east-1a                ||
||  AvailableIpAddressCount |  4089                      ||
||  CidrBlock               |  172.31.0.0/20             ||
||  DefaultForAz            |  True                      ||
||  MapPublicIpOnLaunch     |  False                     ||
||  State                   |  available                 ||
||  SubnetId                |  subnet-0bb1c79de3EXAMPLE  ||
||  VpcId                   |  vpc-0ee975135dEXAMPLE     ||
|+--------------------------+----------------------------+|
|||                        Tags                         |||
||+------------------------+----------------------------+||
|||           Key          |           Value            |||
||+------------------------+----------------------------+||
|||  Name                  |  my-subnet-01              |||
|||  CostCenter            |  123                       |||
||+------------------------+----------------------------+||
||                        Subnets                        ||
|+----------------------------+--------------------------+|
||  AvailabilityZone          |  us-east-1b              ||
||  AvailableIpAddressCount   |  4091                    ||
||  CidrBlock                 |  172.31.16.0/20          ||
||  DefaultForAz              |  True                    ||
||  MapPublicIpOnLaunch       |  True                    ||
||  State                     |  available               ||
||  SubnetId                  |  subnet-8EXAMPLE         ||
||  VpcId                     |  vpc-0ee975135dEXAMPLE   ||
|+----------------------------+--------------------------+|
"#,
    ),
    (
        "list_of_lists",
        "DescribeClusters",
        r#"[["default", "ACTIVE", 3], ["prod", "ACTIVE", 12]]"#,
        r#"
-----------------------------
|     DescribeClusters      |
+----------+----------+-----+
|  default |  ACTIVE  |  3  |
|  prod    |  ACTIVE  |  12 |
+----------+----------+-----+
"#,
    ),
    (
        "list_clusters",
        "ListClusters",
        r#"{"clusterArns": ["arn:aws:ecs:us-east-1:123456789012:cluster/default", "arn:aws:ecs:us-east-1:123456789012:cluster/prod"]}"#,
        r#"
----------------------------------------------------------
|                      ListClusters                      |
+--------------------------------------------------------+
||                      clusterArns                     ||
|+------------------------------------------------------+|
||  arn:aws:ecs:us-east-1:123456789012:cluster/default  ||
||  arn:aws:ecs:us-east-1:123456789012:cluster/prod     ||
|+------------------------------------------------------+|
"#,
    ),
    (
        "scalar_prints_only_title",
        "DescribeClusters",
        r#""default""#,
        r#"
------------------
|DescribeClusters|
+----------------+
"#,
    ),
    ("null", "X", r#"null"#, ""),
    ("empty_object", "X", r#"{}"#, ""),
    ("empty_list", "X", r#"[]"#, ""),
    ("false", "X", r#"false"#, ""),
    ("zero", "X", r#"0"#, ""),
    ("empty_string", "X", r#""""#, ""),
    (
        "true",
        "DescribeClusters",
        r#"true"#,
        r#"
------------------
|DescribeClusters|
+----------------+
"#,
    ),
    (
        "wide_and_ambiguous_characters",
        "TagResource",
        r#"{"tags": [{"key": "Name", "value": "東京"}, {"key": "Owner", "value": "café±"}]}"#,
        r#"
------------------------
|      TagResource     |
+----------------------+
||        tags        ||
|+--------+-----------+|
||   key  |   value   ||
|+--------+-----------+|
||  Name  |  東京     ||
||  Owner |  café±  ||
|+--------+-----------+|
"#,
    ),
    (
        "repr_and_title_only_sections",
        "ListTasks",
        r#"[{"name": "web", "ports": 80}, {"name": "api", "ports": [80, 443], "labels": {"tier": "it's"}}]"#,
        r#"
-----------------------
|      ListTasks      |
+---------+-----------+
|  name   |   ports   |
+---------+-----------+
|  web    |  80       |
+---------+-----------+
||       ports       ||
|+-------------------+|
|      ListTasks      |
+-------+-------------+
| name  |    ports    |
+-------+-------------+
|  api  |  [80, 443]  |
+-------+-------------+
||      labels       ||
|+--------+----------+|
||  tier  |  it's    ||
|+--------+----------+|
||       ports       ||
|+-------------------+|
||  80               ||
||  443              ||
|+-------------------+|
"#,
    ),
    (
        // 24 * 9 / 16 = 13.5: Python's round() goes to the even 14, then no correction.
        "column_scaling_rounds_half_to_even",
        "DescribeTaskDefinition",
        r#"[{"image": "nginx", "mem": 512}, {"image": "redis", "mem": 256}]"#,
        r#"
------------------------
|DescribeTaskDefinition|
+------------+---------+
|    image   |   mem   |
+------------+---------+
|  nginx     |  512    |
|  redis     |  256    |
+------------+---------+
"#,
    ),
    (
        "aws_cli_simple_list",
        "OperationName",
        r#"{"QueueUrls": ["https://us-west-2.queue.amazonaws.com/1/queue1", "https://us-west-2.queue.amazonaws.com/1/queue2", "https://us-west-2.queue.amazonaws.com/1/queue3", "https://us-west-2.queue.amazonaws.com/1/queue4"]}"#,
        r#"
------------------------------------------------------
|                    OperationName                   |
+----------------------------------------------------+
||                     QueueUrls                    ||
|+--------------------------------------------------+|
||  https://us-west-2.queue.amazonaws.com/1/queue1  ||
||  https://us-west-2.queue.amazonaws.com/1/queue2  ||
||  https://us-west-2.queue.amazonaws.com/1/queue3  ||
||  https://us-west-2.queue.amazonaws.com/1/queue4  ||
|+--------------------------------------------------+|
"#,
    ),
    (
        "aws_cli_simple_dict",
        "OperationName",
        r#"{"Attributes": {"a": "0", "b": "345600", "c": "0", "d": "65536", "e": "1351044153", "f": "0"}}"#,
        r#"
----------------------------------------------------
|                   OperationName                  |
+--------------------------------------------------+
||                   Attributes                   ||
|+---+---------+----+--------+--------------+-----+|
|| a |    b    | c  |   d    |      e       |  f  ||
|+---+---------+----+--------+--------------+-----+|
||  0|  345600 |  0 |  65536 |  1351044153  |  0  ||
|+---+---------+----+--------+--------------+-----+|
"#,
    ),
    (
        "aws_cli_jmespath_filtered_response",
        "OperationName",
        r#"[[["i-12345", "ami-12345", "ebs", "t1.micro", "running", "disabled", "util"]], [["i-56789", "ami-56789", "ebs", "c1.medium", "running", "disabled", "myname"]]]"#,
        r#"
-------------------------------------------------------------------------------
|                                OperationName                                |
+---------+------------+------+------------+----------+------------+----------+
|  i-12345|  ami-12345 |  ebs |  t1.micro  |  running |  disabled  |  util    |
|  i-56789|  ami-56789 |  ebs |  c1.medium |  running |  disabled  |  myname  |
+---------+------------+------+------------+----------+------------+----------+
"#,
    ),
    (
        "aws_cli_jmespath_filtered_dict_response",
        "OperationName",
        r#"[[{"InstanceId": "i-12345", "RootDeviceType": "ebs", "InstanceType": "t1.micro", "ImageId": "ami-12345"}], [{"InstanceId": "i-56789", "RootDeviceType": "ebs", "InstanceType": "c1.medium", "ImageId": "ami-56789"}]]"#,
        r#"
---------------------------------------------------------------
|                        OperationName                        |
+-----------+-------------+----------------+------------------+
|  ImageId  | InstanceId  | InstanceType   | RootDeviceType   |
+-----------+-------------+----------------+------------------+
|  ami-12345|  i-12345    |  t1.micro      |  ebs             |
|  ami-56789|  i-56789    |  c1.medium     |  ebs             |
+-----------+-------------+----------------+------------------+
"#,
    ),
];

/// aws-cli tests/unit/output/test_table_formatter.py LIST_OF_DICTS (rendered there with
/// auto_reformat=False).
const AWS_CLI_LIST_OF_DICTS: &str = r#"{"OrderableDBInstanceOptions": [{"AvailabilityZones": [{"Name": "us-east-1a", "ProvisionedIopsCapable": false}, {"Name": "us-east-1d", "ProvisionedIopsCapable": true}], "DBInstanceClass": "db.m1.large", "Engine": "mysql", "EngineVersion": "5.1.45", "LicenseModel": "general-public-license", "MultiAZCapable": true, "ReadReplicaCapable": true, "Vpc": false}, {"AvailabilityZones": [{"Name": "us-west-2a", "ProvisionedIopsCapable": true}, {"Name": "us-west-2b", "ProvisionedIopsCapable": true}], "DBInstanceClass": "db.m1.xlarge", "Engine": "mysql", "EngineVersion": "5.1.57", "LicenseModel": "general-public-license", "MultiAZCapable": true, "ReadReplicaCapable": true, "Vpc": false}, {"AvailabilityZones": [{"Name": "us-west-2a", "ProvisionedIopsCapable": true}], "DBInstanceClass": "db.m1.xlarge", "Engine": "mysql", "EngineVersion": "5.1.57", "LicenseModel": "general-public-license", "MultiAZCapable": true, "ReadReplicaCapable": true, "Vpc": true}]}"#;

const AWS_CLI_LIST_OF_DICTS_TABLE: &str = r#"
-----------------------------------------------------------------------------------------------------------------------------
|                                                       OperationName                                                       |
+---------------------------------------------------------------------------------------------------------------------------+
||                                               OrderableDBInstanceOptions                                                ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|| DBInstanceClass | Engine  | EngineVersion  |      LicenseModel       | MultiAZCapable  | ReadReplicaCapable   |   Vpc   ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
||  db.m1.large    |  mysql  |  5.1.45        |  general-public-license |  True           |  True                |  False  ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|||                                                   AvailabilityZones                                                   |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||                  Name                  |                           ProvisionedIopsCapable                             |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||  us-east-1a                            |  False                                                                       |||
|||  us-east-1d                            |  True                                                                        |||
||+----------------------------------------+------------------------------------------------------------------------------+||
||                                               OrderableDBInstanceOptions                                                ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|| DBInstanceClass | Engine  | EngineVersion  |      LicenseModel       | MultiAZCapable  | ReadReplicaCapable   |   Vpc   ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
||  db.m1.xlarge   |  mysql  |  5.1.57        |  general-public-license |  True           |  True                |  False  ||
|+-----------------+---------+----------------+-------------------------+-----------------+----------------------+---------+|
|||                                                   AvailabilityZones                                                   |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||                  Name                  |                           ProvisionedIopsCapable                             |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||  us-west-2a                            |  True                                                                        |||
|||  us-west-2b                            |  True                                                                        |||
||+----------------------------------------+------------------------------------------------------------------------------+||
||                                               OrderableDBInstanceOptions                                                ||
|+-----------------+---------+----------------+--------------------------+-----------------+----------------------+--------+|
|| DBInstanceClass | Engine  | EngineVersion  |      LicenseModel        | MultiAZCapable  | ReadReplicaCapable   |  Vpc   ||
|+-----------------+---------+----------------+--------------------------+-----------------+----------------------+--------+|
||  db.m1.xlarge   |  mysql  |  5.1.57        |  general-public-license  |  True           |  True                |  True  ||
|+-----------------+---------+----------------+--------------------------+-----------------+----------------------+--------+|
|||                                                   AvailabilityZones                                                   |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||                  Name                  |                           ProvisionedIopsCapable                             |||
||+----------------------------------------+------------------------------------------------------------------------------+||
|||  us-west-2a                            |  True                                                                        |||
||+----------------------------------------+------------------------------------------------------------------------------+||
"#;

/// The same response as a non-tty CLI prints it: wider than 80 columns, so its single-row
/// sections turn vertical.
const AWS_CLI_LIST_OF_DICTS_NON_TTY: &str = r#"
----------------------------------------------------
|                   OperationName                  |
+--------------------------------------------------+
||           OrderableDBInstanceOptions           ||
|+---------------------+--------------------------+|
||  DBInstanceClass    |  db.m1.large             ||
||  Engine             |  mysql                   ||
||  EngineVersion      |  5.1.45                  ||
||  LicenseModel       |  general-public-license  ||
||  MultiAZCapable     |  True                    ||
||  ReadReplicaCapable |  True                    ||
||  Vpc                |  False                   ||
|+---------------------+--------------------------+|
|||               AvailabilityZones              |||
||+---------------+------------------------------+||
|||     Name      |   ProvisionedIopsCapable     |||
||+---------------+------------------------------+||
|||  us-east-1a   |  False                       |||
|||  us-east-1d   |  True                        |||
||+---------------+------------------------------+||
||           OrderableDBInstanceOptions           ||
|+---------------------+--------------------------+|
||  DBInstanceClass    |  db.m1.xlarge            ||
||  Engine             |  mysql                   ||
||  EngineVersion      |  5.1.57                  ||
||  LicenseModel       |  general-public-license  ||
||  MultiAZCapable     |  True                    ||
||  ReadReplicaCapable |  True                    ||
||  Vpc                |  False                   ||
|+---------------------+--------------------------+|
|||               AvailabilityZones              |||
||+---------------+------------------------------+||
|||     Name      |   ProvisionedIopsCapable     |||
||+---------------+------------------------------+||
|||  us-west-2a   |  True                        |||
|||  us-west-2b   |  True                        |||
||+---------------+------------------------------+||
||           OrderableDBInstanceOptions           ||
|+---------------------+--------------------------+|
||  DBInstanceClass    |  db.m1.xlarge            ||
||  Engine             |  mysql                   ||
||  EngineVersion      |  5.1.57                  ||
||  LicenseModel       |  general-public-license  ||
||  MultiAZCapable     |  True                    ||
||  ReadReplicaCapable |  True                    ||
||  Vpc                |  True                    ||
|+---------------------+--------------------------+|
|||               AvailabilityZones              |||
||+-----------------------------+----------------+||
|||  Name                       |  us-west-2a    |||
|||  ProvisionedIopsCapable     |  True          |||
||+-----------------------------+----------------+||
"#;

fn parse(input: &str) -> Value {
    serde_json::from_str(input).expect("fixture is valid JSON")
}

/// Expected outputs written as raw strings open with a newline only for readability.
fn expected_text(expected: &str) -> &str {
    expected.strip_prefix('\n').unwrap_or(expected)
}

fn check(cases: &[(&str, &str, &str, &str)], output: OutputFormat) {
    for &(name, title, input, expected) in cases {
        let got = format(&parse(input), output, title);
        assert_eq!(got, expected_text(expected), "{output:?} case {name}");
    }
}

#[test]
fn json_matches_aws_cli() {
    check(JSON_CASES, OutputFormat::Json);
}

#[test]
fn text_matches_aws_cli() {
    check(TEXT_CASES, OutputFormat::Text);
}

#[test]
fn table_matches_aws_cli() {
    check(TABLE_CASES, OutputFormat::Table);
}

#[test]
fn table_without_reformat_matches_aws_cli_test_suite() {
    let got = table::render_without_reformat(&parse(AWS_CLI_LIST_OF_DICTS), "OperationName");
    assert_eq!(got, expected_text(AWS_CLI_LIST_OF_DICTS_TABLE));
}

#[test]
fn table_wider_than_80_turns_single_row_sections_vertical() {
    let got = format(
        &parse(AWS_CLI_LIST_OF_DICTS),
        OutputFormat::Table,
        "OperationName",
    );
    assert_eq!(got, expected_text(AWS_CLI_LIST_OF_DICTS_NON_TTY));
}

#[test]
fn parse_accepts_only_the_exact_cli_choices() {
    let cases = [
        ("json", Some(OutputFormat::Json)),
        ("text", Some(OutputFormat::Text)),
        ("table", Some(OutputFormat::Table)),
        ("JSON", None),
        ("yaml", None),
        ("yaml-stream", None),
        (" text", None),
        ("", None),
    ];
    for (input, expected) in cases {
        assert_eq!(OutputFormat::parse(input), expected, "{input:?}");
    }
}

#[test]
fn floats_print_like_python_repr() {
    let cases = [
        (0.1, "0.1"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e+16"),
        (0.0001, "0.0001"),
        (1.5e-5, "1.5e-05"),
        (-0.0, "-0.0"),
        (123_456_789_012_345_680.0, "1.2345678901234568e+17"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        // Exactly halfway between two shortest candidates: Python keeps the even digit.
        (-811_376_019_104_808.2, "-811376019104808.2"),
        (247_600_580_198_296.62, "247600580198296.62"),
    ];
    for (input, expected) in cases {
        assert_eq!(python::float_repr(input), expected, "{input:e}");
    }
}

#[test]
fn python_str_of_containers_is_their_repr() {
    let value = json!([
        "it's",
        "say \"hi\"",
        "a\\b",
        {"k": null, "t": true},
        1.5,
        "both ' and \"",
        "\u{a0}x",
        "tab\there",
        "\u{7f}"
    ]);
    let expected = r#"["it's", 'say "hi"', 'a\\b', {'k': None, 't': True}, 1.5, 'both \' and "', '\xa0x', 'tab\there', '\x7f']"#;
    assert_eq!(python::str_of(&value), expected);
}

#[test]
fn display_width_counts_wide_and_ambiguous_characters_twice() {
    let cases = [
        ("", 0),
        ("abc", 3),
        ("東京", 4),
        ("café", 5),
        ("±°", 4),
        ("😀", 2),
    ];
    for (input, expected) in cases {
        assert_eq!(python::text_length(input), expected, "{input:?}");
    }
}

#[test]
fn deep_nesting_is_cut_without_overflowing_the_stack() {
    let mut value = json!("leaf");
    for _ in 0..2000 {
        value = Value::Array(vec![value]);
    }
    let json_out = format(&value, OutputFormat::Json, "X");
    assert!(json_out.contains("\"...\""));
    assert_eq!(format(&value, OutputFormat::Text, "X"), "");
    assert_eq!(format(&value, OutputFormat::Table, "X"), "---\n|X|\n+-+\n");
}

#[cfg(not(target_arch = "wasm32"))]
const WORDS: &[&str] = &[
    "",
    "ACTIVE",
    "arn:aws:ecs:us-east-1:123456789012:cluster/default",
    "東京",
    "café±",
    "it's \"q\"",
    "tab\there",
    "new\nline",
    "😀",
    "a-much-longer-value-that-pushes-the-table-past-eighty-columns-wide",
];
#[cfg(not(target_arch = "wasm32"))]
const KEYS: &[&str] = &["name", "Name", "status", "Tags", "Key", "value", "ä", ""];

/// Responses as `--query` may leave them: scalars (floats Python prints in both notations,
/// wide and escaped strings) nested in lists and objects up to five levels deep.
#[cfg(not(target_arch = "wasm32"))]
fn any_value() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..100_000).prop_map(|n| json!(n)),
        proptest::sample::select(vec![0.5, 1.0, -2.25, 1e16, 0.0]).prop_map(|f| json!(f)),
        proptest::sample::select(WORDS).prop_map(|w| json!(w)),
    ];
    leaf.prop_recursive(5, 64, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 0..5).prop_map(
                |members| {
                    let mut map = serde_json::Map::new();
                    for (key, value) in members {
                        map.insert(key.to_owned(), value);
                    }
                    Value::Object(map)
                }
            ),
        ]
    })
}

/// A string holding a newline splits a table line, as it does in the CLI.
#[cfg(not(target_arch = "wasm32"))]
fn value_has_newline(value: &Value) -> bool {
    value.to_string().contains("\\n")
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

    /// Any value formats without panicking: the JSON reads back as the value, text ends its
    /// lines, and every line of a table is as wide as the others.
    #[test]
    fn random_values_never_panic_and_keep_invariants(value in any_value()) {
        let json_out = format(&value, OutputFormat::Json, "RunTask");
        if value != json!({}) {
            let reparsed: Value = serde_json::from_str(&json_out).expect("valid JSON");
            proptest::prop_assert_eq!(&reparsed, &value);
        }
        let text_out = format(&value, OutputFormat::Text, "RunTask");
        proptest::prop_assert!(text_out.is_empty() || text_out.ends_with('\n'));
        let table_out = format(&value, OutputFormat::Table, "RunTask");
        let widths: Vec<usize> = table_out.lines().map(python::text_length).collect();
        proptest::prop_assert!(
            widths.windows(2).all(|w| w[0] == w[1]) || value_has_newline(&value),
            "ragged table for {}:\n{}", value, table_out
        );
    }

    /// Only the three exact lowercase names are output formats.
    #[test]
    fn garbage_format_names_are_rejected(name in "[\\x{0}-\\x{24f}]{0,7}|json|text|table") {
        let expected = match name.as_str() {
            "json" => Some(OutputFormat::Json),
            "text" => Some(OutputFormat::Text),
            "table" => Some(OutputFormat::Table),
            _ => None,
        };
        proptest::prop_assert_eq!(OutputFormat::parse(&name), expected, "{:?}", name);
    }
}
