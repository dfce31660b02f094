using System.Globalization;
using System.Text.Json;
using InboxApp.Core.Common;
using InboxApp.Core.Contacts;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace InboxApp.Features.Inbox;

/// <summary>The details beside a thread: the contact (editable), tags, category and team, the follow-up, and the contact's other conversations.</summary>
public partial class ConversationSidePanel
{
    [Parameter, EditorRequired] public ConversationDto Conversation { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public IReadOnlyList<MemberOption> Members { get; set; } = [];
    [Parameter] public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
    [Parameter] public EventCallback<ConversationDto> OnChanged { get; set; }
    /// <summary>Closes the panel (a close button shows when set; on a phone the panel covers the thread).</summary>
    [Parameter] public EventCallback OnClose { get; set; }

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private ContactService Contacts { get; set; } = default!;
    [Inject] private TagService Tags { get; set; } = default!;
    [Inject] private TeamService Teams { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string? contactName;
    private string? contactCategory;
    private List<(string Key, string Value)> attributes = [];
    private IReadOnlyList<TagDto> availableTags = [];
    private IReadOnlyList<TeamDto> teams = [];
    private IReadOnlyList<ConversationDto> history = [];
    private string? followUpNote;
    private DateTime? followUpDue;
    private Guid loadedFor;
    /// <summary>The conversation's contact, tags, teams and history are on their way (the panel marks itself loaded after).</summary>
    private bool loading;

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor == Conversation.Id) return;
        loadedFor = Conversation.Id;
        loading = true;
        availableTags = await Tags.ListAsync(Actor);
        teams = await Teams.ListAsync(Actor, includeInactive: false);
        history = await Conversations.ContactHistoryAsync(Actor, Conversation.Id, 20);
        var contact = await Contacts.GetAsync(Actor, Conversation.Contact.Identifier);
        contactName = contact.Name;
        contactCategory = contact.Category;
        attributes = contact.Attributes.ValueKind == JsonValueKind.Object
            ? contact.Attributes.EnumerateObject().Select(p => (p.Name, p.Value.ToString())).ToList()
            : [];
        followUpNote = Conversation.FollowUp?.Note;
        followUpDue = Conversation.FollowUp?.DueAt is { } due ? TimeZoneInfo.ConvertTime(due, TimeZone).DateTime : null;
        loading = false;
    }

    private Task SaveContactAsync() => RunAsync(async () =>
    {
        await Contacts.UpdateAsync(Actor, Conversation.Contact.Identifier, new ContactChanges(contactName ?? "", contactCategory ?? "", null));
        Snackbar.Add("Contact saved", Severity.Success);
        return await Conversations.GetAsync(Actor, Conversation.Id);
    });

    /// <summary>Picks made with the add-a-tag picker: its key, so each pick renders an empty picker again.</summary>
    private int tagPicks;

    private async Task AddTagAsync(Guid? tagId)
    {
        if (tagId is not { } id) return;
        tagPicks++;
        await RunAsync(() => Conversations.AddTagAsync(Actor, Conversation.Id, id));
    }

    private Task RemoveTagAsync(Guid tagId) => RunAsync(() => Conversations.RemoveTagAsync(Actor, Conversation.Id, tagId));

    private Task SetCategoryAsync(string? value) => RunAsync(() => Conversations.UpdateAsync(Actor, Conversation.Id,
        new UpdateConversationRequest { Category = string.IsNullOrWhiteSpace(value) ? null : value.Trim() }));

    private Task SetTeamAsync(string? value) => RunAsync(() => Conversations.UpdateAsync(Actor, Conversation.Id,
        new UpdateConversationRequest { TeamId = Guid.TryParse(value, out var id) ? id : null }));

    /// <summary>The picker's local date and time ("2031-05-04T10:30", seconds optional); empty or unreadable is no due time.</summary>
    private void OnDueInput(ChangeEventArgs e) =>
        followUpDue = DateTime.TryParse(e.Value as string, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? local : null;

    /// <summary>The due time is required (the button waits for it; the service refuses a follow-up without one).</summary>
    private Task SetFollowUpAsync()
    {
        if (followUpDue is not { } local) return Task.CompletedTask;
        var due = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone.GetUtcOffset(local));
        return RunAsync(() => Conversations.SetFollowUpAsync(Actor, Conversation.Id, string.IsNullOrWhiteSpace(followUpNote) ? null : followUpNote.Trim(), due));
    }

    private Task ClearFollowUpAsync() => RunAsync(() => Conversations.ClearFollowUpAsync(Actor, Conversation.Id));

    private async Task RunAsync(Func<Task<ConversationDto>> action)
    {
        try
        {
            await OnChanged.InvokeAsync(await action());
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Warning);
        }
    }
}
