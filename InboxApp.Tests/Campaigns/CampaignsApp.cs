using System.Collections.Concurrent;
using InboxApp.Core.Campaigns;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Campaigns;

/// <summary>A recipient filter for tests (what the opt-out list will be): skips the keys it was told, with their reasons.</summary>
public sealed class TestRecipientFilter : ICampaignRecipientFilter
{
    public static ConcurrentDictionary<string, string> Skipped { get; } = new();

    /// <summary>Run (once) when the filter is asked about a batch with this key: what happens meanwhile, between a batch's load and its claim.</summary>
    public static ConcurrentDictionary<string, Func<Task>> OnAsk { get; } = new();

    public async Task<IReadOnlyDictionary<string, string>> SkipAsync(Guid organizationId, IReadOnlyCollection<string> phoneKeys, CancellationToken ct)
    {
        foreach (var key in phoneKeys)
        {
            if (OnAsk.TryRemove(key, out var meanwhile)) await meanwhile();
        }
        return phoneKeys.Where(Skipped.ContainsKey).ToDictionary(k => k, k => Skipped[k]);
    }
}

/// <summary>The app with jobs on, the test recipient filter registered, short back-offs, pointed at the fake Graph API.</summary>
public sealed class CampaignsFactory : InboxAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ICampaignRecipientFilter, TestRecipientFilter>());
    }
}

public sealed class CampaignsApp : IAsyncLifetime
{
    public FakeGraphApi Graph { get; private set; } = null!;
    public InboxAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Graph.NewTemplateStatus = "APPROVED";
        Factory = new CampaignsFactory()
            .With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl)
            .With("Messaging:MaxSendAttempts", "2")
            .With("Messaging:ThroughputBackoffMs", "20")
            .With("Messaging:PairRateRetryMs", "20")
            .With("Campaigns:ThroughputBackoffMs", "100")
            .With("Campaigns:PairRateBackoffMs", "100")
            .With("Campaigns:LeaseSeconds", "5")
            .With("Events:RetryBaseDelay", "00:00:00.050")
            .With("Sandbox:SentDelayMs", "20")
            .With("Sandbox:DeliveredDelayMs", "40")
            .With("Sandbox:ReadDelayMs", "60");
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Graph.DisposeAsync();
    }
}
