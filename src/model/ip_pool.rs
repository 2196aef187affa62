//! The private IPv4 addresses of one subnet, and who holds each.
//!
//! AWS reserves five addresses in every subnet (ECS-REFERENCE.md §3.5): the network address,
//! base+1 (VPC router), base+2 (DNS), base+3 (future use) and the last (broadcast). Every other
//! address is handed out lowest-first to whatever needs one (an instance's primary ENI, a trunk
//! ENI, a task ENI...) and comes back when that thing is deleted.
//!
//! Allocation is O(log n) however large the subnet: addresses never handed out form the range
//! `next_fresh..=last_usable`, and addresses handed back sit in an ordered set; the lowest free
//! address is the smaller of the two fronts. A /16 never costs 65,531 steps.

use std::collections::{BTreeMap, BTreeSet};
use std::net::Ipv4Addr;

use ipnet::Ipv4Net;

/// Addresses AWS keeps in every subnet.
pub const RESERVED_PER_SUBNET: u32 = 5;

/// What holds a subnet address, named by the network interface that holds it.
pub type Holder = String;

#[derive(Debug, Clone)]
pub struct IpPool {
    net: Ipv4Net,
    /// Offset of the next address never handed out.
    next_fresh: u32,
    /// Offsets handed out once and returned since, below `next_fresh`.
    returned: BTreeSet<u32>,
    /// Offset -> holder, for every address in use.
    held: BTreeMap<u32, Holder>,
    /// Counts the changes (an address taken or given back), so a view of the pool knows when
    /// to draw it again. Not part of the pool's value.
    changes: u64,
}

/// Two pools are equal when they hold the same addresses, however they came to.
impl PartialEq for IpPool {
    fn eq(&self, other: &Self) -> bool {
        self.net == other.net
            && self.next_fresh == other.next_fresh
            && self.returned == other.returned
            && self.held == other.held
    }
}

/// Why an address could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpError {
    /// No free address is left (EC2's `InsufficientFreeAddressesInSubnet`).
    Exhausted,
    /// The address is outside the subnet, reserved, or held already.
    Unavailable,
}

impl IpPool {
    /// A pool for a subnet CIDR of /16 to /28 (callers validate the size).
    pub fn new(net: Ipv4Net) -> IpPool {
        IpPool {
            net: net.trunc(),
            next_fresh: 4,
            returned: BTreeSet::new(),
            held: BTreeMap::new(),
            changes: 0,
        }
    }

    /// See the field: changes whenever an address is taken or given back.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    pub fn net(&self) -> Ipv4Net {
        self.net
    }

    /// All addresses in the CIDR block, reserved ones included.
    pub fn size(&self) -> u32 {
        1u32 << (32 - u32::from(self.net.prefix_len()))
    }

    /// Addresses that can ever be handed out: size minus the five reserved.
    pub fn usable(&self) -> u32 {
        self.size().saturating_sub(RESERVED_PER_SUBNET)
    }

    fn last_usable(&self) -> u32 {
        self.size() - 2
    }

    /// What `describe-subnets` reports as `AvailableIpAddressCount`.
    pub fn free_count(&self) -> u32 {
        self.usable() - self.held.len() as u32
    }

    pub fn held_count(&self) -> u32 {
        self.held.len() as u32
    }

    fn addr(&self, offset: u32) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.net.network()) + offset)
    }

    fn offset_of(&self, ip: Ipv4Addr) -> Option<u32> {
        self.net
            .contains(&ip)
            .then(|| u32::from(ip) - u32::from(self.net.network()))
    }

    /// Whether the address is one of the five AWS reserves.
    pub fn is_reserved(&self, ip: Ipv4Addr) -> bool {
        match self.offset_of(ip) {
            Some(o) => o < 4 || o == self.size() - 1,
            None => false,
        }
    }

    /// The lowest free address, without taking it.
    pub fn peek_lowest(&self) -> Option<Ipv4Addr> {
        let fresh = (self.next_fresh <= self.last_usable()).then_some(self.next_fresh);
        let back = self.returned.first().copied();
        match (back, fresh) {
            (Some(b), Some(f)) => Some(self.addr(b.min(f))),
            (Some(b), None) => Some(self.addr(b)),
            (None, Some(f)) => Some(self.addr(f)),
            (None, None) => None,
        }
    }

    /// Takes the lowest free address for `holder`.
    pub fn allocate(&mut self, holder: &str) -> Result<Ipv4Addr, IpError> {
        let ip = self.peek_lowest().ok_or(IpError::Exhausted)?;
        self.take(ip, holder)?;
        Ok(ip)
    }

    /// Takes a specific address (a `--private-ip-address` request).
    pub fn take(&mut self, ip: Ipv4Addr, holder: &str) -> Result<(), IpError> {
        let offset = self.offset_of(ip).ok_or(IpError::Unavailable)?;
        if offset < 4 || offset > self.last_usable() || self.held.contains_key(&offset) {
            return Err(IpError::Unavailable);
        }
        if offset >= self.next_fresh {
            // Everything skipped over becomes "returned": free, and below the fresh front.
            self.returned.extend(self.next_fresh..offset);
            self.next_fresh = offset + 1;
        } else {
            self.returned.remove(&offset);
        }
        self.held.insert(offset, holder.to_string());
        self.changes += 1;
        Ok(())
    }

    /// Gives an address back. Returns false if it was not held.
    pub fn release(&mut self, ip: Ipv4Addr) -> bool {
        let Some(offset) = self.offset_of(ip) else {
            return false;
        };
        if self.held.remove(&offset).is_none() {
            return false;
        }
        self.changes += 1;
        if offset + 1 == self.next_fresh {
            // Keep `returned` small: pull the fresh front back over a free tail.
            self.next_fresh = offset;
            while self.next_fresh > 4 && self.returned.remove(&(self.next_fresh - 1)) {
                self.next_fresh -= 1;
            }
        } else {
            self.returned.insert(offset);
        }
        true
    }

    pub fn holder(&self, ip: Ipv4Addr) -> Option<&str> {
        self.offset_of(ip)
            .and_then(|o| self.held.get(&o))
            .map(String::as_str)
    }

    /// Every held address with its holder, in address order.
    pub fn holders(&self) -> impl Iterator<Item = (Ipv4Addr, &str)> + '_ {
        self.held.iter().map(|(o, h)| (self.addr(*o), h.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(cidr: &str) -> IpPool {
        IpPool::new(cidr.parse().unwrap())
    }

    #[test]
    fn a_slash_28_has_eleven_usable_addresses_from_base_plus_four() {
        let mut p = pool("10.0.0.0/28");
        assert_eq!((p.size(), p.usable(), p.free_count()), (16, 11, 11));
        let got: Vec<String> = (0..11)
            .map(|i| p.allocate(&format!("eni-{i}")).unwrap().to_string())
            .collect();
        assert_eq!(got.first().unwrap(), "10.0.0.4");
        assert_eq!(got.last().unwrap(), "10.0.0.14");
        assert_eq!(p.allocate("eni-x"), Err(IpError::Exhausted));
        assert_eq!(p.free_count(), 0);
    }

    #[test]
    fn released_addresses_come_back_lowest_first() {
        let mut p = pool("10.0.0.0/24");
        for i in 0..10 {
            p.allocate(&format!("h{i}")).unwrap();
        }
        assert!(p.release("10.0.0.9".parse().unwrap()));
        assert!(p.release("10.0.0.6".parse().unwrap()));
        assert!(!p.release("10.0.0.6".parse().unwrap()));
        assert_eq!(p.allocate("a").unwrap().to_string(), "10.0.0.6");
        assert_eq!(p.allocate("b").unwrap().to_string(), "10.0.0.9");
        assert_eq!(p.allocate("c").unwrap().to_string(), "10.0.0.14");
        assert_eq!(p.free_count(), 251 - 11);
    }

    #[test]
    fn reserved_and_outside_addresses_cannot_be_taken() {
        let mut p = pool("10.0.0.0/28");
        for ip in [
            "10.0.0.0",
            "10.0.0.1",
            "10.0.0.2",
            "10.0.0.3",
            "10.0.0.15",
            "10.0.1.4",
        ] {
            assert_eq!(
                p.take(ip.parse().unwrap(), "x"),
                Err(IpError::Unavailable),
                "{ip}"
            );
        }
        assert!(p.is_reserved("10.0.0.15".parse().unwrap()));
        assert!(!p.is_reserved("10.0.0.4".parse().unwrap()));
        p.take("10.0.0.10".parse().unwrap(), "x").unwrap();
        assert_eq!(p.allocate("y").unwrap().to_string(), "10.0.0.4");
        assert_eq!(
            p.take("10.0.0.10".parse().unwrap(), "z"),
            Err(IpError::Unavailable)
        );
    }

    #[test]
    fn a_slash_16_counts_without_walking_it() {
        let mut p = pool("10.1.0.0/16");
        assert_eq!(p.free_count(), 65_531);
        let ip = p.allocate("eni-1").unwrap();
        assert_eq!(ip.to_string(), "10.1.0.4");
        assert_eq!(p.free_count(), 65_530);
        assert_eq!(p.holder(ip), Some("eni-1"));
    }

    #[test]
    fn changes_count_what_a_view_must_redraw_and_not_the_value() {
        let mut a = pool("10.0.0.0/28");
        let b = a.clone();
        assert_eq!(a.changes(), 0);
        let ip = a.allocate("eni-1").expect("free");
        assert_eq!(a.changes(), 1);
        assert!(a.take(ip, "eni-2").is_err(), "held already");
        assert!(!a.release("10.0.0.9".parse().expect("ip")), "not held");
        assert_eq!(a.changes(), 1, "failed calls change nothing");
        assert!(a.release(ip));
        assert_eq!(a.changes(), 2);
        assert_eq!(a, b, "the same addresses held: equal, whatever the history");
    }
}
