//! Capacity providers: the `FARGATE` and `FARGATE_SPOT` providers every account has, associated
//! with clusters (CreateCluster, PutClusterCapacityProviders), and the strategies that split a
//! RunTask between them by `base` and `weight` (ECS-REFERENCE.md §4.6).
//!
//! Auto Scaling group providers are not simulated: only the two Fargate providers exist.

use serde_json::Value;

use super::error::ApiError;
use super::input::Input;
use crate::json::json;
use crate::model::ecs::{CapacityProvider, CapacityProviderItem};
use crate::model::task::LaunchType;
use crate::sim::Sim;

const MAX_WEIGHT: i64 = 1000;
const MAX_BASE: i64 = 100_000;
const MAX_ITEMS: usize = 20;

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_parameter(message)
}

/// Checks a list of provider names (PutClusterCapacityProviders, CreateCluster).
pub fn parse_providers(input: &Input) -> Result<Vec<CapacityProvider>, ApiError> {
    let mut out: Vec<CapacityProvider> = Vec::new();
    for name in input.strings("capacityProviders")? {
        let Some(p) = CapacityProvider::parse(name) else {
            return Err(invalid(
                "The specified capacity provider does not exist. Specify a valid capacity provider and try again.",
            ));
        };
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(out)
}

/// Reads a strategy (`key`) and checks it against the providers associated with the cluster.
pub fn parse_strategy(
    input: &Input,
    key: &str,
    associated: &[CapacityProvider],
) -> Result<Vec<CapacityProviderItem>, ApiError> {
    let items = input.list(key)?;
    if items.len() > MAX_ITEMS {
        return Err(invalid(format!(
            "{key} can have at most {MAX_ITEMS} items."
        )));
    }
    let mut out: Vec<CapacityProviderItem> = Vec::new();
    for item in items {
        let name = item.str("capacityProvider")?.unwrap_or_default();
        let Some(provider) = CapacityProvider::parse(name).filter(|p| associated.contains(p))
        else {
            return Err(invalid(
                "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.",
            ));
        };
        if out.iter().any(|o| o.provider == provider) {
            // Our wording: ECS refuses a provider listed twice.
            return Err(invalid(format!(
                "The capacity provider {provider} appears more than once in the strategy."
            )));
        }
        let weight = item.i64("weight")?.unwrap_or(0);
        let base = item.i64("base")?.unwrap_or(0);
        if !(0..=MAX_WEIGHT).contains(&weight) {
            return Err(invalid(format!(
                "The weight of a capacity provider must be between 0 and {MAX_WEIGHT}."
            )));
        }
        if !(0..=MAX_BASE).contains(&base) {
            return Err(invalid(format!(
                "The base of a capacity provider must be between 0 and {MAX_BASE}."
            )));
        }
        out.push(CapacityProviderItem {
            provider,
            weight: weight as u32,
            base: base as u32,
        });
    }
    if out.iter().filter(|i| i.base > 0).count() > 1 {
        // Our wording of the documented rule: only one provider may have a base.
        return Err(invalid(
            "Only one capacity provider in a capacity provider strategy can have a base defined.",
        ));
    }
    if !out.is_empty() && out.iter().all(|i| i.weight == 0) {
        // Our wording of the documented rule: some provider must have a weight.
        return Err(invalid(
            "At least one capacity provider in a capacity provider strategy must have a weight greater than zero.",
        ));
    }
    Ok(out)
}

/// Which provider each of `count` tasks goes to: first the base of the provider that has one,
/// then the rest in proportion to the weights (each task to the provider furthest below its
/// share; ties to the one listed first). Deterministic, as ECS documents no finer rule.
/// What RunTask and CreateService ask for: `launchType` or `capacityProviderStrategy` (not
/// both), else the cluster's default strategy. The strategy is empty when a launch type is
/// given or nothing is; the launch type is None when neither is given.
pub fn launch_choice(
    sim: &Sim,
    input: &Input,
    cluster: &str,
) -> Result<(Option<LaunchType>, Vec<CapacityProviderItem>), ApiError> {
    let launch_type = input.str("launchType")?;
    let given = input.has("capacityProviderStrategy");
    if launch_type.is_some() && given {
        return Err(invalid(
            "Specify either Launch Type or Capacity Provider Strategy, but not both.",
        ));
    }
    let c = sim.world.clusters.get(cluster);
    let strategy = if given {
        let associated = c.map_or(&[][..], |c| c.capacity_providers.as_slice());
        parse_strategy(input, "capacityProviderStrategy", associated)?
    } else if launch_type.is_none() {
        c.map(|c| c.default_strategy.clone()).unwrap_or_default()
    } else {
        Vec::new()
    };
    let launch_type = match launch_type {
        None => None,
        Some(l) => match LaunchType::parse(l) {
            Some(t) => Some(t),
            None if l == "EXTERNAL" => {
                return Err(invalid(
                    "The sandbox simulates the EC2 and FARGATE launch types; EXTERNAL (ECS Anywhere) is not simulated.",
                ))
            }
            None => {
                return Err(ApiError::one_of(
                    "launchType",
                    &["EC2", "FARGATE", "EXTERNAL"],
                ))
            }
        },
    };
    Ok((launch_type, strategy))
}

pub fn assign(strategy: &[CapacityProviderItem], count: u32) -> Vec<CapacityProvider> {
    let mut out = Vec::with_capacity(count as usize);
    let mut beyond_base = vec![0u64; strategy.len()];
    let mut based = 0u32;
    for _ in 0..count {
        if let Some(b) = strategy.iter().find(|i| i.base > based) {
            based += 1;
            out.push(b.provider);
            continue;
        }
        // Smallest (assigned + 1) / weight, compared without division.
        let pick = strategy
            .iter()
            .enumerate()
            .filter(|(_, i)| i.weight > 0)
            .min_by(|(a, x), (b, y)| {
                let lhs = (beyond_base[*a] + 1) * u64::from(y.weight);
                let rhs = (beyond_base[*b] + 1) * u64::from(x.weight);
                lhs.cmp(&rhs).then(a.cmp(b))
            })
            .map(|(i, _)| i);
        if let Some(i) = pick {
            beyond_base[i] += 1;
            out.push(strategy[i].provider);
        }
    }
    out
}

pub fn strategy_json(items: &[CapacityProviderItem]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|i| json!({"capacityProvider": i.provider.as_str(), "weight": i.weight, "base": i.base}))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use CapacityProvider::{Fargate, FargateSpot};

    fn item(provider: CapacityProvider, weight: u32, base: u32) -> CapacityProviderItem {
        CapacityProviderItem {
            provider,
            weight,
            base,
        }
    }

    #[test]
    fn base_first_then_weights() {
        let s = [item(Fargate, 1, 2), item(FargateSpot, 3, 0)];
        let got = assign(&s, 6);
        assert_eq!(&got[..2], [Fargate, Fargate]);
        let spot = got[2..].iter().filter(|p| **p == FargateSpot).count();
        assert_eq!(spot, 3, "{got:?}");
    }

    #[test]
    fn zero_weight_gets_only_its_base() {
        let s = [item(Fargate, 0, 1), item(FargateSpot, 1, 0)];
        assert_eq!(assign(&s, 3), [Fargate, FargateSpot, FargateSpot]);
    }
}
