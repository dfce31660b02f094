namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// Test collections whose classes share one app host (an <see cref="InboxAppFactory"/>), instead of starting one per class.
/// For a class whose tests make their own organizations and change nothing that other organizations see (settings of
/// the factory, the super admin, jobs, global rate limits). Mark it <c>[Collection(SharedApp.Name)]</c> (or
/// <see cref="Second"/>) and take <c>NoJobsAppFactory</c> in its constructor, without <c>IClassFixture</c>: these two hosts
/// run no Hangfire, so their idle job polling (every 100 ms per worker, every 500 ms per scheduler, for the host's whole
/// life: a query each, on PostgreSQL parsed and planned by the server) is gone (docs/performance.md, "the test suite",
/// session 17). A class that sends campaigns or otherwise needs a job goes to <see cref="Campaigns"/> (jobs on, take
/// <c>InboxAppFactory</c>). Classes of one collection run one after another; the collections and the classes with hosts
/// of their own run in parallel.
/// </summary>
public static class SharedApp
{
    public const string Name = "Shared app";

    /// <summary>A second shared host, so that the shared classes use both cores.</summary>
    public const string Second = "Shared app 2";

    /// <summary>
    /// A host for classes that run jobs as the super admin (trigger one, wait for its run) and assert only on rows of their
    /// own organizations and users. Kept apart from <see cref="Name"/> and <see cref="Second"/> because a triggered job
    /// works on every organization's rows; its classes run one after another, so no two trigger at the same time.
    /// Also the home of classes that change rows every organization sees and put them back before each test (the price
    /// table: <c>PriceTableUpdateTests</c>, <c>PricingPageTests</c>), for the same reason.
    /// </summary>
    public const string Jobs = "Shared app: jobs";

    /// <summary>
    /// A shared host with jobs for classes that need them only for their own organizations' work (campaigns are sent by a
    /// Hangfire job), so that <see cref="Name"/> and <see cref="Second"/> can run without Hangfire. Not <see cref="Jobs"/>:
    /// its price-table classes leave the table changed after their last test, and campaign estimates read it.
    /// </summary>
    public const string Campaigns = "Shared app: campaigns";
}

// The two big shared collections run their classes one after another for 70-130 s: started first (LongCollectionsFirst).
[CollectionDefinition(SharedApp.Name), RunsLong(75)]
public sealed class SharedAppCollection : ICollectionFixture<NoJobsAppFactory>;

[CollectionDefinition(SharedApp.Second), RunsLong(95)]
public sealed class SecondSharedAppCollection : ICollectionFixture<NoJobsAppFactory>;

[CollectionDefinition(SharedApp.Jobs), RunsLong(30)]
public sealed class JobsAppCollection : ICollectionFixture<InboxAppFactory>;

[CollectionDefinition(SharedApp.Campaigns)]
public sealed class CampaignsAppCollection : ICollectionFixture<InboxAppFactory>;
