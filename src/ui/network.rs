//! The region's AZs and their subnets, with CIDRs and free addresses.

use yew::prelude::*;

use super::SessionHandle;
use crate::viz::network::azs;
use crate::viz::thousands;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub session: SessionHandle,
}

#[function_component(NetworkView)]
pub fn network_view(props: &Props) -> Html {
    let session = props.session.session.borrow();
    let view = azs(&session.sim.world);
    html! {
        <>
            <h2 id="network-title">{ "Availability Zones and subnets" }</h2>
            <div class="az-grid">
                { for view.iter().map(|az| html! {
                    <article class="az" data-az={az.name}>
                        <h3>{ az.name }<span class="az-id">{ az.id }</span></h3>
                        { for az.subnets.iter().map(|s| {
                            let pct = format!("{}%", crate::float::fixed(s.used_fraction * 100.0, 1));
                            html! {
                                <div class="subnet" data-subnet={s.id.clone()}>
                                    <div class="subnet-head">
                                        <code class="cidr">{ &s.cidr }</code>
                                        if s.default_for_az { <span class="badge">{ "default" }</span> }
                                    </div>
                                    <div class="subnet-id">{ &s.id }</div>
                                    <div class="meter" role="meter" aria-valuemin="0"
                                        aria-valuemax={s.usable.to_string()}
                                        aria-valuenow={(s.usable - s.free).to_string()}
                                        aria-label={format!("{} of {} usable addresses in use", s.usable - s.free, s.usable)}>
                                        <div class="meter-fill" style={format!("width: {pct}")}></div>
                                    </div>
                                    <div class="free">{ format!("{} of {} addresses free", thousands(s.free), thousands(s.usable)) }</div>
                                </div>
                            }
                        }) }
                    </article>
                }) }
            </div>
        </>
    }
}
