namespace InboxApp.E2E.Infrastructure;

/// <summary>
/// The browser-test collections. Each has one server (an <see cref="InboxServer"/> with the demo organization) that its
/// classes share instead of starting one per class (a start with its seeding costs seconds of CPU). Mark a class
/// <c>[Collection(SharedServer.Name)]</c> (or <see cref="Second"/>, <see cref="Third"/>, to spread the classes over the
/// collections that run side by side) and take <c>InboxServer</c> and <c>Chromium</c> without <c>IClassFixture</c>.
/// A class whose tests make their own rows under unique names and assert nothing about rows other tests may add
/// (settings pages, the shell, signing in and out) works in the demo organization. A class that counts or lists
/// conversations, or changes what a whole organization sees (routing, the bot, members), overrides
/// <see cref="BrowserTest.WorkspaceOfItsOwn"/> and works in its own <see cref="Workspace"/>.
/// Classes of one collection run one after another; the collections run in parallel (xunit.runner.json).
/// Only a class that needs other server settings (a subclass of <see cref="InboxServer"/>) keeps a server of its own.
/// </summary>
public static class SharedServer
{
    public const string Name = "Shared server";

    public const string Second = "Shared server 2";

    public const string Third = "Shared server 3";
}

[CollectionDefinition(SharedServer.Name)]
public sealed class SharedServerCollection : ICollectionFixture<InboxServer>, ICollectionFixture<Chromium>;

[CollectionDefinition(SharedServer.Second)]
public sealed class SecondSharedServerCollection : ICollectionFixture<InboxServer>, ICollectionFixture<Chromium>;

[CollectionDefinition(SharedServer.Third)]
public sealed class ThirdSharedServerCollection : ICollectionFixture<InboxServer>, ICollectionFixture<Chromium>;
