using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("InboxApp.Tests.Infrastructure.LongCollectionsFirst", "InboxApp.Tests")]

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// Marks a test class (for a class with a collection of its own) or a collection definition whose tests take
/// <paramref name="seconds"/> together (about, on a quiet 2-core machine: the longer of the SQLite and PostgreSQL runs), so
/// that <see cref="LongCollectionsFirst"/> starts it at the beginning of a run, the longest first.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RunsLongAttribute(int seconds) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Starts the collections marked <see cref="RunsLongAttribute"/> first, the longest first, then the others in xunit's own
/// order. xunit runs as many collections at a time as it has threads (the runsettings' MaxParallelThreads), each to its
/// end, in the order it is given: a long one that came late ended the run alone while the other cores idled
/// (<c>CampaignKillTests</c>, 33–46 s, started 86 s into a 132 s run on SQLite and 122 s into a 155 s run on PostgreSQL:
/// docs/performance.md, "the test suite", session 18). Mark a collection that takes more than about 5 s with its host's
/// start (a class with its own host that came last ended the run alone for 4–6 s: session 21). Tests within a collection
/// keep their order.
/// </summary>
public sealed class LongCollectionsFirst : ITestCollectionOrderer
{
    private const string ClassCollectionPrefix = "Test collection for ";

    private readonly DefaultTestCollectionOrderer fallback = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        fallback.OrderTestCollections(testCollections).OrderByDescending(Seconds); // a stable sort: the unmarked keep xunit's order

    /// <summary>
    /// The seconds that the collection's definition (a named collection) or its class (a class's own collection, which
    /// xunit names "Test collection for" and the class's full name) declares with <see cref="RunsLongAttribute"/>; 0 when
    /// neither is marked.
    /// </summary>
    public static int Seconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition?.ToRuntimeType();
        if (type is null && collection.DisplayName.StartsWith(ClassCollectionPrefix, StringComparison.Ordinal))
            type = typeof(LongCollectionsFirst).Assembly.GetType(collection.DisplayName[ClassCollectionPrefix.Length..].Trim());
        return type?.GetCustomAttribute<RunsLongAttribute>()?.Seconds ?? 0;
    }
}
