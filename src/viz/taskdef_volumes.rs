//! The task definition editor's EFS volumes and containers' mount points (ECS-REFERENCE.md
//! §9.1): the form's fields, their JSON, and the file systems and access points a volume can
//! name. ECS's rules that bind them (an access point or IAM authorization needs transit
//! encryption, an access point sets the root directory) are checked where every registration
//! is, `model::task_def::validate`, through `taskdef_form::check`: not here.
//!
//! Like the port mappings, volumes and mount points the fields cannot say (a host or Docker
//! volume, a member without a field) stay in the JSON as they are, and the form then offers no
//! fields for them.

use serde_json::{Map, Value};

use crate::json::json;
use crate::model::efs::LifeCycle;
use crate::sim::World;

/// One EFS volume of the task definition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EfsVolumeForm {
    pub name: String,
    pub file_system_id: String,
    /// "" for the default (`/`).
    pub root_directory: String,
    pub transit_encryption: bool,
    /// "" for none.
    pub access_point_id: String,
    pub iam: bool,
    /// Members of `efsVolumeConfiguration` without a field (`transitEncryptionPort`).
    pub extra: Map<String, Value>,
}

/// One mount point of a container.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MountPointForm {
    pub source_volume: String,
    pub container_path: String,
    pub read_only: bool,
}

fn enabled(on: bool) -> &'static str {
    if on {
        "ENABLED"
    } else {
        "DISABLED"
    }
}

impl EfsVolumeForm {
    /// A new volume on `file_system_id` (what ECS defaults to: no encryption in transit, no
    /// access point, no IAM authorization).
    pub fn new(name: String, file_system_id: String) -> EfsVolumeForm {
        EfsVolumeForm {
            name,
            file_system_id,
            ..EfsVolumeForm::default()
        }
    }

    /// The volume as `volumes[]` takes it.
    pub fn to_json(&self) -> Value {
        let mut c = Map::new();
        if !self.file_system_id.trim().is_empty() {
            c.insert("fileSystemId".into(), json!(self.file_system_id.trim()));
        }
        if !self.root_directory.trim().is_empty() {
            c.insert("rootDirectory".into(), json!(self.root_directory.trim()));
        }
        if self.transit_encryption {
            c.insert("transitEncryption".into(), json!("ENABLED"));
        }
        let mut auth = Map::new();
        if !self.access_point_id.trim().is_empty() {
            auth.insert("accessPointId".into(), json!(self.access_point_id.trim()));
        }
        if self.iam {
            auth.insert("iam".into(), json!(enabled(self.iam)));
        }
        if !auth.is_empty() {
            c.insert("authorizationConfig".into(), Value::Object(auth));
        }
        for (k, v) in &self.extra {
            c.entry(k.clone()).or_insert_with(|| v.clone());
        }
        json!({"name": self.name, "efsVolumeConfiguration": Value::Object(c)})
    }

    /// Reads a volume into the form, or `None` when its fields cannot say it (not EFS, a
    /// member they have no place for, a value other than ENABLED or DISABLED).
    pub fn from_json(v: &Value) -> Option<EfsVolumeForm> {
        let o = v.as_object()?;
        if o.keys()
            .any(|k| k != "name" && k != "efsVolumeConfiguration")
        {
            return None;
        }
        let c = o.get("efsVolumeConfiguration")?.as_object()?;
        let text = |m: &Map<String, Value>, k: &str| -> Option<String> {
            match m.get(k) {
                None => Some(String::new()),
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => None,
            }
        };
        let switch = |s: String| match s.as_str() {
            "" | "DISABLED" => Some(false),
            "ENABLED" => Some(true),
            _ => None,
        };
        let empty = Map::new();
        let auth = match c.get("authorizationConfig") {
            None => &empty,
            Some(a) => a.as_object()?,
        };
        if auth.keys().any(|k| k != "accessPointId" && k != "iam") {
            return None;
        }
        let known = [
            "fileSystemId",
            "rootDirectory",
            "transitEncryption",
            "authorizationConfig",
        ];
        Some(EfsVolumeForm {
            name: o.get("name")?.as_str()?.to_string(),
            file_system_id: text(c, "fileSystemId")?,
            root_directory: text(c, "rootDirectory")?,
            transit_encryption: switch(text(c, "transitEncryption")?)?,
            access_point_id: text(auth, "accessPointId")?,
            iam: switch(text(auth, "iam")?)?,
            extra: c
                .iter()
                .filter(|(k, _)| !known.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        })
    }
}

/// The volumes as the form holds them, or `None` when one of them is beyond its fields.
pub fn volumes_form(v: Option<&Value>) -> Option<Vec<EfsVolumeForm>> {
    match v {
        None => Some(Vec::new()),
        Some(v) => v.as_array()?.iter().map(EfsVolumeForm::from_json).collect(),
    }
}

impl MountPointForm {
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("sourceVolume".into(), json!(self.source_volume));
        m.insert("containerPath".into(), json!(self.container_path));
        if self.read_only {
            m.insert("readOnly".into(), json!(true));
        }
        Value::Object(m)
    }

    fn from_json(v: &Value) -> Option<MountPointForm> {
        let o = v.as_object()?;
        if o.keys()
            .any(|k| !["sourceVolume", "containerPath", "readOnly"].contains(&k.as_str()))
        {
            return None;
        }
        Some(MountPointForm {
            source_volume: o.get("sourceVolume")?.as_str()?.to_string(),
            container_path: o.get("containerPath")?.as_str()?.to_string(),
            read_only: match o.get("readOnly") {
                None => false,
                Some(r) => r.as_bool()?,
            },
        })
    }
}

/// A container's mount points as the form holds them, or `None` when one is beyond its fields.
pub fn mount_points_form(v: Option<&Value>) -> Option<Vec<MountPointForm>> {
    match v {
        None => Some(Vec::new()),
        Some(v) => v
            .as_array()?
            .iter()
            .map(MountPointForm::from_json)
            .collect(),
    }
}

/// A file system a volume can name, with its access points.
#[derive(Debug, Clone, PartialEq)]
pub struct FileSystemChoice {
    pub id: String,
    /// "shared (fs-...)".
    pub label: String,
    /// (access point ID, "fsap-... (root /app, as 1000:1000)").
    pub access_points: Vec<(String, String)>,
}

/// The file systems of the account, in creation order, each with its access points.
pub fn file_system_choices(world: &World) -> Vec<FileSystemChoice> {
    let mut all: Vec<_> = world
        .file_systems
        .values()
        .filter(|f| !matches!(f.state, LifeCycle::Deleting | LifeCycle::Deleted))
        .collect();
    crate::sort::sort_by_key(&mut all, |f| f.created_seq);
    all.into_iter()
        .map(|fs| {
            let mut aps: Vec<_> = world
                .access_points
                .values()
                .filter(|a| a.file_system_id == fs.id)
                .filter(|a| !matches!(a.state, LifeCycle::Deleting | LifeCycle::Deleted))
                .collect();
            crate::sort::sort_by_key(&mut aps, |a| a.created_seq);
            FileSystemChoice {
                id: fs.id.clone(),
                label: match fs.name() {
                    Some(n) => format!("{n} ({})", fs.id),
                    None => fs.id.clone(),
                },
                access_points: aps
                    .iter()
                    .map(|a| {
                        let user = a
                            .posix_user
                            .as_ref()
                            .map(|u| format!(", as {}:{}", u.uid, u.gid))
                            .unwrap_or_default();
                        (
                            a.id.clone(),
                            format!("{} (root {}{user})", a.id, a.root_path),
                        )
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Session;
    use crate::viz::taskdef_form::{check, TaskDefForm};

    fn with_volume(v: EfsVolumeForm) -> TaskDefForm {
        let mut f = TaskDefForm::starter();
        f.volumes.push(v);
        f.containers[0].mount_points.push(MountPointForm {
            source_volume: "shared".into(),
            container_path: "/data".into(),
            read_only: true,
        });
        f
    }

    #[test]
    fn an_efs_volume_and_a_mount_point_make_a_registrable_definition() {
        let f = with_volume(EfsVolumeForm::new("shared".into(), "fs-0123".into()));
        let v = f.to_json();
        assert_eq!(
            serde_json::to_string(&v["volumes"]).expect("json"),
            r#"[{"name":"shared","efsVolumeConfiguration":{"fileSystemId":"fs-0123"}}]"#
        );
        assert_eq!(
            serde_json::to_string(&v["containerDefinitions"][0]["mountPoints"]).expect("json"),
            r#"[{"sourceVolume":"shared","containerPath":"/data","readOnly":true}]"#
        );
        assert_eq!(TaskDefForm::from_json(&v).expect("form"), f);
        assert!(check(&v).is_ok(), "{:?}", check(&v));
        // Registered through the same path as every other line.
        let mut s = Session::new(1);
        let line = crate::viz::commands::register_task_definition(&v.to_string());
        let r = s.run_script(&line);
        assert_eq!(r[0].output.exit, 0, "{}", r[0].output.stderr);
        let td = &s.sim.world.task_definitions["web"][0];
        assert_eq!(
            crate::sim::efs_mount::volumes(td)[0].file_system_id,
            "fs-0123"
        );
    }

    #[test]
    fn ecs_refusals_show_for_the_rules_that_bind_a_volume() {
        let mut v = EfsVolumeForm::new("shared".into(), "fs-0123".into());
        v.access_point_id = "fsap-0abc".into();
        let err = check(&with_volume(v.clone()).to_json()).expect_err("refused");
        assert!(
            err.contains("an access point requires transitEncryption to be ENABLED"),
            "{err}"
        );
        v.transit_encryption = true;
        v.iam = true;
        let f = with_volume(v.clone());
        assert!(check(&f.to_json()).is_ok());
        assert_eq!(TaskDefForm::from_json(&f.to_json()).expect("form"), f);
        v.root_directory = "/app".into();
        let err = check(&with_volume(v.clone()).to_json()).expect_err("refused");
        assert!(
            err.contains("rootDirectory must be omitted or '/'"),
            "{err}"
        );
        let mut v = EfsVolumeForm::new("shared".into(), "fs-0123".into());
        v.iam = true;
        let err = check(&with_volume(v).to_json()).expect_err("refused");
        assert!(
            err.contains("IAM authorization requires transitEncryption"),
            "{err}"
        );
        // A mount point must name a volume.
        let mut f = with_volume(EfsVolumeForm::new("shared".into(), "fs-0123".into()));
        f.containers[0].mount_points[0].source_volume = "other".into();
        assert!(check(&f.to_json()).is_err());
    }

    #[test]
    fn volumes_beyond_the_fields_stay_in_the_json() {
        let v = serde_json::json!({"family": "f", "containerDefinitions": [{"name": "a", "image": "x",
            "mountPoints": [{"sourceVolume": "h", "containerPath": "/h"}]}],
            "volumes": [{"name": "h", "host": {"sourcePath": "/tmp"}},
                        {"name": "e", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "transitEncryption": "ENABLED", "transitEncryptionPort": 2999}}]});
        let f = TaskDefForm::from_json(&v).expect("form");
        assert!(!f.volumes_in_form() && f.volumes.is_empty());
        assert_eq!(f.to_json()["volumes"], v["volumes"]);
        assert_eq!(f.containers[0].mount_points.len(), 1);
        // An EFS volume keeps its port though the form has no field for it.
        let e = EfsVolumeForm::from_json(&v["volumes"][1]).expect("an EFS volume");
        assert!(e.transit_encryption);
        assert_eq!(e.to_json(), v["volumes"][1]);
        let odd = serde_json::json!({"name": "e", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "transitEncryption": "YES"}});
        assert_eq!(EfsVolumeForm::from_json(&odd), None);
    }

    #[test]
    fn the_choices_are_the_file_systems_with_their_access_points() {
        let mut s = Session::new(2);
        let out = s.run_script(
            r#"aws efs create-file-system --creation-token a --tags Key=Name,Value=shared
FS=$(aws efs create-file-system --creation-token b --query FileSystemId --output text)
sleep 10
aws efs create-access-point --file-system-id $FS --posix-user Uid=1000,Gid=1000 --root-directory 'Path=/app,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=755}'"#,
        );
        for r in &out {
            assert_eq!(r.output.exit, 0, "{}: {}", r.command, r.output.stderr);
        }
        let c = file_system_choices(&s.sim.world);
        assert_eq!(c.len(), 2);
        assert!(c[0].label.starts_with("shared (fs-") && c[0].access_points.is_empty());
        assert_eq!(c[1].label, c[1].id);
        assert_eq!(c[1].access_points.len(), 1);
        assert!(
            c[1].access_points[0]
                .1
                .ends_with("(root /app, as 1000:1000)"),
            "{:?}",
            c[1].access_points
        );
    }
}
