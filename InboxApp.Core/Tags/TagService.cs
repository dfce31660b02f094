using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Tags;

/// <summary>
/// The organization's tags: everyone lists them (with how many conversations use each); supervisors and admins create,
/// rename, recolour and delete them. Deleting a tag removes it from every conversation and then tells each of them.
/// </summary>
public sealed class TagService(InboxDb inboxDb, TimeProvider clock)
{
    public async Task<IReadOnlyList<TagDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var rows = await db.Tags.AsNoTracking().OrderBy(t => t.NormalizedName).ThenBy(t => t.Id)
            .Select(t => new { Tag = t, Usage = db.ConversationTags.Count(c => c.TagId == t.Id) })
            .ToListAsync(ct);
        return rows.Select(r => ToDto(r.Tag, r.Usage)).ToList();
    }

    public async Task<TagDto> CreateAsync(Actor actor, string? name, string? color, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var cleanName = TagRules.Name(name);
        var cleanColor = TagRules.Color(color);
        var normalized = TagRules.Normalize(cleanName);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        if (await db.Tags.AnyAsync(t => t.NormalizedName == normalized, ct)) throw NameTaken();
        var tag = new Tag { Name = cleanName, NormalizedName = normalized, Color = cleanColor, CreatedAt = now, UpdatedAt = now };
        db.Tags.Add(tag);
        await SaveUniqueAsync(db, ct);
        return ToDto(tag, 0);
    }

    public async Task<TagDto> UpdateAsync(Actor actor, Guid id, string? name, string? color, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var cleanName = TagRules.Name(name);
        var cleanColor = TagRules.Color(color);
        var normalized = TagRules.Normalize(cleanName);
        await using var db = inboxDb.For(actor.Org);
        var tag = await db.Tags.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw InboxException.NotFound("Tag");
        if (await db.Tags.AnyAsync(t => t.NormalizedName == normalized && t.Id != id, ct)) throw NameTaken();
        tag.Name = cleanName;
        tag.NormalizedName = normalized;
        tag.Color = cleanColor;
        tag.UpdatedAt = clock.GetUtcNow();
        await SaveUniqueAsync(db, ct);
        return ToDto(tag, await db.ConversationTags.CountAsync(c => c.TagId == id, ct));
    }

    /// <summary>
    /// Deletes the tag and its uses in one transaction (explicitly, not only through the foreign key cascade, so the
    /// conversations to tell are exactly those it was removed from), then publishes <see cref="ConversationTagRemoved"/> for each.
    /// </summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        List<Guid> conversations;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await db.Tags.AnyAsync(t => t.Id == id, ct)) throw InboxException.NotFound("Tag");
            conversations = await db.ConversationTags.Where(c => c.TagId == id).Select(c => c.ConversationId).ToListAsync(ct);
            await db.ConversationTags.Where(c => c.TagId == id).ExecuteDeleteAsync(ct);
            if (await db.Tags.Where(t => t.Id == id).ExecuteDeleteAsync(ct) == 0) throw InboxException.NotFound("Tag");
            // Their outbox rows commit with the deletion; the events are published once it has.
            foreach (var conversationId in conversations) db.Raise(new ConversationTagRemoved(org, conversationId, id));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
    }

    private static TagDto ToDto(Tag t, int usage) => new(t.Id, t.Name, t.Color, usage, t.CreatedAt, t.UpdatedAt);

    private static InboxException NameTaken() => InboxException.Conflict("A tag with this name already exists");

    private static async Task SaveUniqueAsync(InboxDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw NameTaken();
        }
    }
}
