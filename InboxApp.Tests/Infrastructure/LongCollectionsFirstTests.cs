using InboxApp.Tests.Campaigns;
using InboxApp.Tests.Conversations;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace InboxApp.Tests.Infrastructure;

/// <summary>The run's collection order: the ones marked <see cref="RunsLongAttribute"/> first, the others after them.</summary>
public sealed class LongCollectionsFirstTests
{
    private static readonly TestAssembly Assembly = new(Reflector.Wrap(typeof(LongCollectionsFirstTests).Assembly));

    /// <summary>A class's own collection, named as xunit names it.</summary>
    private static TestCollection OfClass(Type type) => new(Assembly, null, "Test collection for " + type.FullName);

    private static TestCollection Named(Type definition, string name) => new(Assembly, Reflector.Wrap(definition), name);

    [Fact]
    public void Marked_collections_of_a_class_or_a_definition_start_first_and_the_others_keep_coming_after_them()
    {
        var plain = OfClass(typeof(LongCollectionsFirstTests));
        var kill = OfClass(typeof(CampaignKillTests));
        var shared = Named(typeof(SecondSharedAppCollection), SharedApp.Second);
        var lists = OfClass(typeof(ConversationListTests)); // not marked

        Assert.Equal(45, LongCollectionsFirst.Seconds(kill));
        Assert.Equal(95, LongCollectionsFirst.Seconds(shared));
        Assert.Equal(0, LongCollectionsFirst.Seconds(plain));

        var ordered = new LongCollectionsFirst().OrderTestCollections([plain, kill, lists, shared]).ToList();
        Assert.Equal(4, ordered.Count);
        Assert.Equal([shared, kill], ordered.Take(2)); // the longest first
        Assert.Equal(new DefaultTestCollectionOrderer().OrderTestCollections([plain, lists]), ordered.Skip(2)); // then xunit's order
    }
}
