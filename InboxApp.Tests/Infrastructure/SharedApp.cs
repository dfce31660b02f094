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
}

[CollectionDefinition(SharedApp.Name)]
public sealed class SharedAppCollection : ICollectionFixture<InboxAppFactory>;

[CollectionDefinition(SharedApp.Second)]
public sealed class SecondSharedAppCollection : ICollectionFixture<InboxAppFactory>;
