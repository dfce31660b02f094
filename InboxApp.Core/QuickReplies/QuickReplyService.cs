using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.QuickReplies;

/// <summary>
/// Canned answers: everyone lists the active ones (for the composer's <c>/shortcut</c>) and fills them for a conversation;
/// admins see all of them and create, change, delete (one by one or in bulk) and attach media. Shortcuts are unique within
/// the organization.
/// </summary>
public sealed partial class QuickReplyService(InboxDb inboxDb, TimeProvider clock, MediaStore store, IOptions<MessagingOptions> options)
{
    /// <summary>The active quick replies, by shortcut; <paramref name="search"/> matches shortcut, title, text or category.</summary>
    public async Task<IReadOnlyList<QuickReplyDto>> ListActiveAsync(Actor actor, string? search, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var rows = await Apply(db.QuickReplies.AsNoTracking().Where(q => q.IsActive), new QuickReplyFilter(search))
            .OrderBy(q => q.Shortcut).ToListAsync(ct);
        return rows.Select(QuickReplyDto.From).ToList();
    }

    /// <summary>Every quick reply, inactive ones included (admins).</summary>
    public async Task<IReadOnlyList<QuickReplyDto>> ListAllAsync(Actor actor, QuickReplyFilter filter, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using var db = inboxDb.For(actor.Org);
        var rows = await Apply(db.QuickReplies.AsNoTracking(), filter).OrderBy(q => q.Shortcut).ToListAsync(ct);
        return rows.Select(QuickReplyDto.From).ToList();
    }

    public async Task<QuickReplyDto> CreateAsync(Actor actor, NewQuickReply input, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var shortcut = QuickReplyRules.Shortcut(input.Shortcut);
        var title = QuickReplyRules.Title(input.Title);
        var text = QuickReplyRules.Text(input.Text);
        var category = QuickReplyRules.Category(input.Category);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        if (await db.QuickReplies.AnyAsync(q => q.Shortcut == shortcut, ct)) throw ShortcutTaken(shortcut);
        var reply = new QuickReply
        {
            Shortcut = shortcut, Title = title, Text = text, Category = category, IsActive = input.IsActive ?? true,
            CreatedById = actor.UserId, CreatedAt = now, UpdatedAt = now,
        };
        db.QuickReplies.Add(reply);
        await SaveUniqueAsync(db, shortcut, ct);
        return QuickReplyDto.From(reply);
    }

    public async Task<QuickReplyDto> UpdateAsync(Actor actor, Guid id, QuickReplyChanges changes, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var shortcut = changes.Shortcut is null ? null : QuickReplyRules.Shortcut(changes.Shortcut);
        var title = changes.Title is null ? null : QuickReplyRules.Title(changes.Title);
        var text = changes.Text is null ? null : QuickReplyRules.Text(changes.Text);
        await using var db = inboxDb.For(actor.Org);
        var reply = await FindAsync(db, id, ct);
        if (shortcut is not null && shortcut != reply.Shortcut)
        {
            if (await db.QuickReplies.AnyAsync(q => q.Shortcut == shortcut && q.Id != id, ct)) throw ShortcutTaken(shortcut);
            reply.Shortcut = shortcut;
        }
        if (title is not null) reply.Title = title;
        if (text is not null) reply.Text = text;
        if (changes.Category is not null) reply.Category = QuickReplyRules.Category(changes.Category);
        if (changes.IsActive is { } active) reply.IsActive = active;
        reply.UpdatedAt = clock.GetUtcNow();
        await SaveUniqueAsync(db, reply.Shortcut, ct);
        return QuickReplyDto.From(reply);
    }

    /// <summary>Deletes the quick reply, then its attachment file.</summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var org = actor.Org;
        await using var db = inboxDb.For(org);
        var reply = await FindAsync(db, id, ct);
        db.QuickReplies.Remove(reply);
        await db.SaveChangesAsync(ct);
        store.DeleteQuickReplyMedia(org, reply.MediaPath);
    }

    private static IQueryable<QuickReply> Apply(IQueryable<QuickReply> query, QuickReplyFilter? filter)
    {
        if (filter is null) return query;
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            if (term.Length > QuickReplyRules.MaxSearchLength)
                throw InboxException.Invalid("search", $"search must be at most {QuickReplyRules.MaxSearchLength} characters");
            var lower = term.ToLowerInvariant();
            var shortcut = lower.TrimStart('/');
            query = query.Where(q => q.Shortcut.Contains(shortcut) || q.Title.ToLower().Contains(lower) || q.Text.ToLower().Contains(lower)
                || (q.Category != null && q.Category.ToLower().Contains(lower)));
        }
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            var category = filter.Category.Trim().ToLowerInvariant();
            query = query.Where(q => q.Category != null && q.Category.ToLower() == category);
        }
        if (filter.IsActive is { } active) query = query.Where(q => q.IsActive == active);
        return query;
    }

    private static async Task<QuickReply> FindAsync(InboxDbContext db, Guid id, CancellationToken ct) =>
        await db.QuickReplies.FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw InboxException.NotFound("Quick reply");

    private static InboxException ShortcutTaken(string shortcut) => InboxException.Conflict($"The shortcut /{shortcut} is already used by another quick reply");

    private static async Task SaveUniqueAsync(InboxDbContext db, string shortcut, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw ShortcutTaken(shortcut);
        }
    }
}
