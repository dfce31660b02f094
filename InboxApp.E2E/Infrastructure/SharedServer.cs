namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// The browser-test collection whose classes share one server (an <see cref="InboxServer"/> with the demo organization),
/// instead of starting one per class: for pages whose tests make their own rows under unique names and assert nothing
/// about rows other tests may add (settings pages, the shell, signing in and out). Mark a class
/// <c>[Collection(SharedServer.Name)]</c> and take <c>InboxServer</c> and <c>Chromium</c> without <c>IClassFixture</c>.
/// The inbox tests, which count and list conversations, keep a server per class (<c>IClassFixture&lt;InboxServer&gt;</c>).
/// Classes of the collection run one after another, beside the classes with servers of their own.
/// </summary>
public static class SharedServer
{
    public const string Name = "Shared server";
}

[CollectionDefinition(SharedServer.Name)]
public sealed class SharedServerCollection : ICollectionFixture<InboxServer>, ICollectionFixture<Chromium>;
