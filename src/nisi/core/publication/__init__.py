"""Published changes (ADR 37): one sequence orders every change a public list publishes; the feed, snapshots,
webhooks and the DCAT-AP catalogue read it. Every app publishes through `services.publish`; none reads another's."""
