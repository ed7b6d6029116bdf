"""The Slack adapter: Bolt listeners, Block Kit, the sender, channel access and the runners."""
