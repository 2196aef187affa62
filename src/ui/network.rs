//! The region's AZs and their subnets, with CIDRs and free addresses; a subnet opens its IP map.

use yew::prelude::*;

use super::{Actions, Handle};
use crate::viz::network::azs;
use crate::viz::thousands;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub handle: Handle,
    pub actions: Actions,
    pub selected: Option<String>,
}

#[function_component(NetworkView)]
pub fn network_view(props: &Props) -> Html {
    let ws = props.handle.ws.borrow();
    let view = azs(&ws.session.sim.world);
    html! {
        <>
            <h2 id="network-title">{ "Availability Zones and subnets" }<span class="muted">{ " · select a subnet to see its addresses" }</span></h2>
            <div class="az-grid">
                { for view.iter().map(|az| html! {
                    <article class="az" data-az={az.name}>
                        <h3>{ az.name }<span class="az-id">{ az.id }</span></h3>
                        { for az.subnets.iter().map(|s| {
                            let pct = format!("{:.1}%", s.used_fraction * 100.0);
                            let selected = props.selected.as_deref() == Some(s.id.as_str());
                            let select = props.actions.select_subnet.clone();
                            let id = s.id.clone();
                            let onclick = Callback::from(move |_| select.emit(if selected { None } else { Some(id.clone()) }));
                            html! {
                                <button type="button" class={classes!("subnet", selected.then_some("selected"))} data-subnet={s.id.clone()}
                                    aria-pressed={selected.to_string()} {onclick}>
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
                                </button>
                            }
                        }) }
                    </article>
                }) }
            </div>
        </>
    }
}
