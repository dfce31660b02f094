using System.Net;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Events;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Data;

/// <summary>
/// PostgreSQL's <see cref="RowBatch"/> writes a table's rows as one statement (<c>INSERT … SELECT * FROM unnest(…)</c>, and
/// <c>UPDATE … FROM unnest(…) RETURNING</c> per set of changed columns): every row stored as EF Core's model maps it
/// (converters, nulls, NUL characters), and an update that finds a row changed meanwhile names that row only. SQLite runs
/// the same rows through its prepared statements (<see cref="PreparedInsert"/>, <see cref="PreparedUpdate"/>).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class RowBatchTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task A_tables_rows_go_as_one_statement_each_and_are_stored_as_the_model_maps_them()
    {
        var (org, conversations) = await ConversationsAsync(3);
        var inboxDb = factory.Services.GetRequiredService<InboxDb>();
        await using var db = inboxDb.For(org);
        var tracked = await db.Conversations.Where(c => conversations.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();
        var at = new DateTimeOffset(2026, 12, 6, 4, 30, 15, TimeSpan.Zero);
        // Two with the same changed columns (one statement), one with another column as well (a second statement).
        foreach (var (c, i) in tracked.Select((c, i) => (c, i)))
        {
            c.LastMessagePreview = $"pre\u0000view {i}";
            c.LastMessageAt = at.AddSeconds(i);
            c.Version = Guid.NewGuid();
        }
        tracked[2].Category = "billing";
        var messages = new[]
        {
            new Message
            {
                OrganizationId = org, ConversationId = tracked[0].Id, Direction = MessageDirection.OUTBOUND, Type = MessageType.TEMPLATE,
                Status = MessageStatus.PENDING, Text = "Hi\u0000 Ana", Timestamp = at, CreatedAt = at,
            },
            new Message
            {
                OrganizationId = org, ConversationId = tracked[1].Id, WaMessageId = $"wamid.rb{Guid.NewGuid():N}", Direction = MessageDirection.INBOUND,
                Type = MessageType.LOCATION, Status = MessageStatus.RECEIVED, Latitude = -34.6037, Longitude = -58.3816, MediaSize = 123_456_789_012,
                Billable = true, SentAt = at.AddMinutes(-1), Details = null, Timestamp = at, CreatedAt = at,
            },
            new Message
            {
                OrganizationId = org, ConversationId = tracked[2].Id, Direction = MessageDirection.OUTBOUND, Type = MessageType.TEXT,
                Status = MessageStatus.FAILED, ErrorCode = "131026", ErrorTitle = "Receiver incapable", Billable = false, MediaStatus = MediaStatus.EXPIRED,
                Timestamp = at, CreatedAt = at,
            },
        };
        var outbox = messages.Select(m => new OutboxDelivery
        {
            OrganizationId = org, EventId = Guid.NewGuid(), EventType = "MessageSent", Listener = "rowbatch-test", Payload = $"{{\"messageId\":\"{m.Id}\"}}",
            CreatedAt = at, NextAttemptAt = at.AddYears(10), // not due: the outbox worker leaves them alone
        }).ToList();

        var statements = await db.InDeferredTransactionAsync(async () =>
        {
            if (!RowBatch.Supported(db))
            {
                await PreparedInsert.InsertAsync(db, messages, CancellationToken.None);
                await PreparedInsert.InsertAsync(db, outbox, CancellationToken.None);
                await PreparedUpdate.UpdateModifiedAsync<Conversation>(db, CancellationToken.None);
                return 4;
            }
            var batch = RowBatch.For(db);
            Assert.Equal(3, batch.UpdateModified<Conversation>());
            batch.Insert(messages);
            batch.Insert(outbox);
            Assert.Equal(4, batch.Count); // two updates (two sets of changed columns), one insert per table
            return await batch.ExecuteAsync(CancellationToken.None);
        }, CancellationToken.None);
        Assert.Equal(4, statements);
        Assert.All(tracked, c => Assert.Equal(EntityState.Unchanged, db.Entry(c).State));

        await using var check = inboxDb.For(org);
        var stored = await check.Conversations.AsNoTracking().Where(c => conversations.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
        foreach (var (c, i) in tracked.Select((c, i) => (c, i)))
        {
            var row = stored[c.Id];
            Assert.Equal(($"preview {i}", at.AddSeconds(i), c.Version), (row.LastMessagePreview, row.LastMessageAt, row.Version));
        }
        Assert.Equal("billing", stored[tracked[2].Id].Category);
        Assert.Null(stored[tracked[0].Id].Category);
        var ids = messages.Select(m => m.Id).ToList();
        var rows = await check.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        Assert.Equal(3, rows.Count);
        var first = rows[messages[0].Id];
        Assert.Equal((MessageType.TEMPLATE, MessageStatus.PENDING, "Hi Ana", (string?)null, (double?)null, (bool?)null, at),
            (first.Type, first.Status, first.Text, first.WaMessageId, first.Latitude, first.Billable, first.Timestamp));
        var second = rows[messages[1].Id];
        Assert.Equal((MessageType.LOCATION, MessageStatus.RECEIVED, messages[1].WaMessageId, -34.6037, -58.3816, 123_456_789_012L, true, at.AddMinutes(-1)),
            (second.Type, second.Status, second.WaMessageId, second.Latitude!.Value, second.Longitude!.Value, second.MediaSize!.Value, second.Billable!.Value,
                second.SentAt!.Value));
        var third = rows[messages[2].Id];
        Assert.Equal((MessageStatus.FAILED, "131026", "Receiver incapable", false, MediaStatus.EXPIRED, (DateTimeOffset?)null),
            (third.Status, third.ErrorCode, third.ErrorTitle, third.Billable!.Value, third.MediaStatus, third.SentAt));
        var deliveries = await check.Set<OutboxDelivery>().AsNoTracking().Where(d => d.Listener == "rowbatch-test" && d.OrganizationId == org).ToListAsync();
        Assert.Equal(ids.Select(id => $"{{\"messageId\":\"{id}\"}}").Order(), deliveries.Select(d => d.Payload).Order());
        Assert.All(deliveries, d => Assert.Equal((OutboxDeliveryStatus.PENDING, at, at.AddYears(10), 0), (d.Status, d.CreatedAt, d.NextAttemptAt, d.Attempts)));
    }

    [Fact]
    public async Task An_update_of_several_rows_names_only_the_row_changed_meanwhile_and_writes_the_others()
    {
        var (org, conversations) = await ConversationsAsync(3);
        var inboxDb = factory.Services.GetRequiredService<InboxDb>();
        await using var db = inboxDb.For(org);
        var tracked = await db.Conversations.Where(c => conversations.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync();
        var changed = tracked[1];
        await using (var agent = inboxDb.For(org))
        {
            // An inbound message changes the middle one after the batch's context read it.
            await agent.Conversations.Where(c => c.Id == changed.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Category, "sales").SetProperty(c => c.Version, Guid.NewGuid()));
        }
        foreach (var c in tracked)
        {
            c.LastMessagePreview = "from the batch";
            c.Version = Guid.NewGuid();
        }

        if (!RowBatch.Supported(db))
        {
            // SQLite: its prepared updates refuse the save as a whole (the caller's transaction rolls back).
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.InDeferredTransactionAsync(
                () => PreparedUpdate.UpdateModifiedAsync<Conversation>(db, CancellationToken.None), CancellationToken.None));
        }
        else
        {
            await db.InDeferredTransactionAsync(async () =>
            {
                var batch = RowBatch.For(db);
                Assert.Equal(3, batch.UpdateModified<Conversation>());
                Assert.Equal(1, batch.Count);
                var e = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => batch.ExecuteAsync(CancellationToken.None));
                Assert.Contains("Conversation", e.Message);
                Assert.Same(changed, Assert.Single(batch.Conflicts).Entity);
                // The statement wrote the other two in this transaction (the caller may read the conflict again and commit).
                var previews = await db.Conversations.AsNoTracking().Where(c => conversations.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.LastMessagePreview);
                Assert.Equal("from the batch", previews[tracked[0].Id]);
                Assert.Equal("from the batch", previews[tracked[2].Id]);
                Assert.NotEqual("from the batch", previews[changed.Id]);
                return 0;
            }, CancellationToken.None);
            await using var check = inboxDb.For(org);
            var stored = await check.Conversations.AsNoTracking().Where(c => conversations.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
            Assert.Equal(("sales", false), (stored[changed.Id].Category, stored[changed.Id].LastMessagePreview == "from the batch"));
            Assert.Equal("from the batch", stored[tracked[0].Id].LastMessagePreview);
        }
    }

    [Fact]
    public async Task An_update_never_writes_another_organizations_row_with_the_same_key()
    {
        // The organization the row was read with is part of every update's WHERE: a tracked copy made to look like another
        // organization's row (here: its organization changed in memory after the read) finds no row and is named a conflict.
        if (!TestDatabase.IsPostgres)
        {
            await using var sqlite = factory.SystemDb();
            Assert.False(RowBatch.Supported(sqlite));
            return;
        }
        var (org, conversations) = await ConversationsAsync(1);
        var inboxDb = factory.Services.GetRequiredService<InboxDb>();
        await using var db = inboxDb.For(org);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversations[0]);
        db.Entry(conversation).Property(c => c.OrganizationId).OriginalValue = Guid.NewGuid();
        conversation.LastMessagePreview = "not mine";
        await db.InDeferredTransactionAsync(async () =>
        {
            var batch = RowBatch.For(db);
            batch.UpdateModified<Conversation>();
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => batch.ExecuteAsync(CancellationToken.None));
            Assert.Same(conversation, Assert.Single(batch.Conflicts).Entity);
            return 0;
        }, CancellationToken.None);
        await using var check = inboxDb.For(org);
        Assert.NotEqual("not mine", (await check.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversations[0])).LastMessagePreview);
    }

    /// <summary>An organization with <paramref name="count"/> conversations (inbound messages through the webhook).</summary>
    private async Task<(Guid Org, List<Guid> Conversations)> ConversationsAsync(int count)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        for (var i = 0; i < count; i++)
        {
            var from = "5491155" + Random.Shared.Next(100_000, 999_999);
            await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact(from, "Ana " + i)),
                Array(Text($"wamid.rbt{Guid.NewGuid():N}", from, "hello", DateTimeOffset.UtcNow.AddMinutes(-2))))))).ShouldBe(HttpStatusCode.OK);
        }
        await factory.DrainWebhooksAsync();
        await using var db = factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId);
        var ids = await db.Conversations.AsNoTracking().Select(c => c.Id).ToListAsync();
        Assert.Equal(count, ids.Count);
        return (admin.OrganizationId, ids);
    }
}
