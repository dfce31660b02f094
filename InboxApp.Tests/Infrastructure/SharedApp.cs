namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// Test collections whose classes share one app host (an <see cref="InboxAppFactory"/>), instead of starting one per class.
/// For a class whose tests make their own organizations and change nothing that other organizations see (settings of
/// the factory, the super admin, jobs, global rate limits). Mark it <c>[Collection(SharedApp.Name)]</c> (or
/// <see cref="Second"/>) and take <c>InboxAppFactory</c> in its constructor, without <c>IClassFixture</c>. Classes of one
/// collection run one after another; the two collections and the classes with hosts of their own run in parallel.
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
}

[CollectionDefinition(SharedApp.Name)]
public sealed class SharedAppCollection : ICollectionFixture<InboxAppFactory>;

[CollectionDefinition(SharedApp.Second)]
public sealed class SecondSharedAppCollection : ICollectionFixture<InboxAppFactory>;

[CollectionDefinition(SharedApp.Jobs)]
public sealed class JobsAppCollection : ICollectionFixture<InboxAppFactory>;
