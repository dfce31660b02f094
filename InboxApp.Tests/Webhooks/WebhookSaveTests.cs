using System.Net;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Webhooks;

/// <summary>
/// The webhook worker's own save path (a prepared batch on PostgreSQL, prepared statements on SQLite): what it writes is
/// what EF Core would write, and a conversation changed since it was read fails the save without writing anything.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class WebhookSaveTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task PostgreSQL_saves_webhook_batches_in_one_prepared_batch_and_SQLite_through_prepared_statements()
    {
        await using var db = factory.SystemDb();
        Assert.Equal(TestDatabase.IsPostgres, RowBatch.Supported(db));
    }

    [Fact]
    public async Task A_conversation_changed_since_the_worker_read_it_fails_the_save_and_nothing_of_it_is_stored()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var from = "5491155559" + Random.Shared.Next(100, 999);
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact(from, "Ana")),
            Array(Text($"wamid.save1{Guid.NewGuid():N}", from, "first", DateTimeOffset.UtcNow.AddMinutes(-2))))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        var inboxDb = factory.Services.GetRequiredService<InboxDb>();

        await using var worker = inboxDb.For(admin.OrganizationId);
        var conversation = await worker.Conversations.SingleAsync();
        await using (var agent = inboxDb.For(admin.OrganizationId))
        {
            var theirs = await agent.Conversations.SingleAsync();
            theirs.Category = "billing";
            theirs.Version = Guid.NewGuid();
            await agent.SaveChangesAsync();
        }
        conversation.LastMessagePreview = "second";
        conversation.Version = Guid.NewGuid();
        var stale = await worker.Messages.AsNoTracking().SingleAsync();
        var message = new Message
        {
            OrganizationId = admin.OrganizationId, ConversationId = conversation.Id, WaMessageId = $"wamid.save2{Guid.NewGuid():N}",
            Direction = stale.Direction, Type = stale.Type, Status = stale.Status, Text = "second", Timestamp = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
        };

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => worker.InDeferredTransactionAsync(async () =>
        {
            if (RowBatch.Supported(worker))
            {
                var batch = RowBatch.For(worker);
                Assert.Equal(1, batch.UpdateModified<Conversation>());
                batch.Insert([message]);
                return await batch.ExecuteAsync(CancellationToken.None);
            }
            await PreparedInsert.InsertAsync(worker, [message], CancellationToken.None);
            return await PreparedUpdate.UpdateModifiedAsync<Conversation>(worker, CancellationToken.None);
        }, CancellationToken.None));

        await using var check = inboxDb.For(admin.OrganizationId);
        var stored = await check.Conversations.AsNoTracking().SingleAsync();
        Assert.Equal("billing", stored.Category);
        Assert.Equal("first", stored.LastMessagePreview);
        Assert.Equal(["first"], await check.Messages.AsNoTracking().Select(m => m.Text).ToListAsync());
    }

    [Fact]
    public async Task A_row_batch_stores_new_rows_and_changed_columns_as_the_model_maps_them_without_nul_characters()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, _, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var from = "5491155558" + Random.Shared.Next(100, 999);
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, Array(Contact(from, "Ana")),
            Array(Text($"wamid.save3{Guid.NewGuid():N}", from, "first", DateTimeOffset.UtcNow.AddMinutes(-2))))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        var inboxDb = factory.Services.GetRequiredService<InboxDb>();
        await using var db = inboxDb.For(admin.OrganizationId);
        var conversation = await db.Conversations.SingleAsync();
        var at = new DateTimeOffset(2026, 12, 5, 7, 30, 15, TimeSpan.Zero);
        conversation.LastMessagePreview = "seg\u0000undo";
        conversation.LastMessageAt = at;
        conversation.Version = Guid.NewGuid();
        var version = conversation.Version;
        var message = new Message
        {
            OrganizationId = admin.OrganizationId, ConversationId = conversation.Id, WaMessageId = $"wamid.save4{Guid.NewGuid():N}",
            Direction = MessageDirection.INBOUND, Type = MessageType.LOCATION, Status = MessageStatus.RECEIVED, Text = "seg\u0000undo",
            Latitude = -34.6037, Longitude = -58.3816, LocationName = "Obelisco", Timestamp = at, CreatedAt = at,
        };

        var written = await db.InDeferredTransactionAsync(async () =>
        {
            if (!RowBatch.Supported(db))
            {
                await PreparedInsert.InsertAsync(db, [message], CancellationToken.None);
                return 1 + await PreparedUpdate.UpdateModifiedAsync<Conversation>(db, CancellationToken.None);
            }
            var batch = RowBatch.For(db);
            var updates = batch.UpdateModified<Conversation>();
            batch.Insert([message]);
            Assert.Equal(2, batch.Count);
            return await batch.ExecuteAsync(CancellationToken.None) + updates - 1;
        }, CancellationToken.None);
        Assert.Equal(2, written);
        Assert.Equal(EntityState.Unchanged, db.Entry(conversation).State);

        await using var check = inboxDb.For(admin.OrganizationId);
        var stored = await check.Conversations.AsNoTracking().SingleAsync();
        Assert.Equal(version, stored.Version);
        Assert.Equal(at, stored.LastMessageAt);
        var row = await check.Messages.AsNoTracking().SingleAsync(m => m.WaMessageId == message.WaMessageId);
        Assert.Equal((MessageType.LOCATION, MessageStatus.RECEIVED, -34.6037, -58.3816, "Obelisco", at), (row.Type, row.Status, row.Latitude, row.Longitude, row.LocationName, row.Timestamp));
        Assert.Equal("segundo", row.Text);
        Assert.Equal("segundo", stored.LastMessagePreview);
    }
}
