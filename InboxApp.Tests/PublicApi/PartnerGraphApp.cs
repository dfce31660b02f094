using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.PublicApi;

/// <summary>
/// A host against the fake Graph API that, like a partner's development setup, may reach loopback addresses
/// (<c>OutgoingWebhooks:AllowPrivateTargets</c>: the test's webhook receiver and file server), resyncs health on every call
/// (<c>PublicApi:HealthResyncInterval</c> 0) and retries webhooks quickly. One host for the classes of its collection.
/// </summary>
public sealed class PartnerGraphApp : IAsyncLifetime
{
    public const string Name = "Partner Graph host";

    public FakeGraphApi Graph { get; private set; } = null!;
    public InboxAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Factory = new InboxAppFactory()
            .With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl)
            .With("OutgoingWebhooks:AllowPrivateTargets", "true")
            .With("OutgoingWebhooks:RetryBaseDelay", "00:00:00.050")
            .With("PublicApi:HealthResyncInterval", "00:00:00")
            .With("Messaging:ThroughputBackoffMs", "40")
            .With("Messaging:PairRateRetryMs", "40");
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Graph.DisposeAsync();
    }
}

[CollectionDefinition(PartnerGraphApp.Name)]
public sealed class PartnerGraphCollection : ICollectionFixture<PartnerGraphApp>;
