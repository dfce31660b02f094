using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Tags;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Data;

/// <summary>
/// Row ids are time-ordered (UUID version 7, decision record 0046): a new row's key lands at the end of its table's and its
/// foreign keys' indexes instead of on a random page of them (SQLite read about 185 pages per campaign send with random ids).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class IdsTests(NoJobsAppFactory factory)
{
    [Fact]
    public void Every_entity_whose_id_the_app_makes_gets_a_time_ordered_id()
    {
        using var db = factory.SystemDb();
        var checkedTypes = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey();
            if (key is not { Properties: [{ Name: "Id" } id] } || id.ClrType != typeof(Guid) || entity.ClrType.GetConstructor(Type.EmptyTypes) is null) continue;
            var made = (Guid)entity.ClrType.GetProperty("Id")!.GetValue(Activator.CreateInstance(entity.ClrType))!;
            if (made == Guid.Empty) continue; // the app sets it from something else (a session's id)
            Assert.True(made.Version == 7, $"{entity.ClrType.Name}'s new id {made} is version {made.Version}, not 7");
            checkedTypes.Add(entity.ClrType.Name);
        }
        Assert.Superset(new HashSet<string> { nameof(Message), nameof(Conversation), "Contact", "CampaignRecipient", "OutboxDelivery", "WebhookDelivery" },
            checkedTypes.ToHashSet());
    }

    [Fact]
    public async Task Rows_made_one_after_another_sort_in_that_order_by_their_key_in_the_database()
    {
        var org = await factory.RegisterOrganizationAsync();
        var made = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            await using var db = factory.Services.GetRequiredService<InboxDb>().For(org.OrganizationId);
            var tag = new Tag { OrganizationId = org.OrganizationId, Name = $"order {i}", NormalizedName = $"order {i}", Color = "#336699" };
            db.Tags.Add(tag);
            await db.SaveChangesAsync();
            made.Add(tag.Id);
            await Task.Delay(3); // the next millisecond: ids of one millisecond are in random order among themselves
        }
        await using var read = factory.Services.GetRequiredService<InboxDb>().For(org.OrganizationId);
        var sorted = await read.Tags.Where(t => t.Name.StartsWith("order ")).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        Assert.Equal(made, sorted);
    }
}
