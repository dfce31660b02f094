using InboxApp.Auth;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Sandbox;

/// <summary>The sandbox simulator: play the customer of a sandbox number, reply as the business and watch the ticks live.</summary>
public partial class SandboxPage
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private SandboxService Sandbox { get; set; } = default!;
    [Inject] private SandboxSimulator Simulator { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private Actor? actor;
    private bool isAdmin;
    private bool busy;
    private IDisposable? subscription;
    private IReadOnlyList<SandboxNumberDto> numbers = [];
    private IReadOnlyList<SandboxConversationDto> conversations = [];
    private IReadOnlyList<MessageDto> messages = [];
    private Guid? numberId;
    private Guid? conversationId;
    private string? newName;
    private string? newPhone;
    private string? newText;
    private bool failNext;
    private SandboxReplyOptions? options;
    // Each read of the list and of the open thread takes a number; only the latest one started is shown. Reads overlap
    // (an event's reload, the composer's own, the next event's) and may finish in any order: an older read finishing
    // last would show rows from before the latest change (a photo still "arriving…" after it arrived).
    private int listReads;
    private int messageReads;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        isAdmin = actor.AtLeast(UserRole.ADMIN);
        if (!isAdmin || actor.OrganizationId is null) return;
        await LoadNumbersAsync();
        if (RendererInfo.IsInteractive) subscription = Bus.Subscribe(actor.Org, OnEventAsync);
    }

    private async Task OnEventAsync(InboxEvent e)
    {
        await InvokeAsync(async () =>
        {
            await LoadConversationsAsync();
            if (e.ConversationId == conversationId) await LoadMessagesAsync();
            StateHasChanged();
        });
    }

    private async Task LoadNumbersAsync()
    {
        numbers = await Sandbox.ListNumbersAsync(actor!);
        numberId ??= numbers.FirstOrDefault()?.Id;
        await LoadConversationsAsync();
    }

    /// <summary>Reads the number's conversations; shown unless a later read started meanwhile.</summary>
    private async Task LoadConversationsAsync()
    {
        var read = ++listReads;
        if (numberId is not { } id) return;
        var loaded = await Sandbox.ListConversationsAsync(actor!, id);
        if (read == listReads) conversations = loaded;
    }

    /// <summary>Reads the open conversation's messages, armed failure and reply options; shown unless a later read started meanwhile.</summary>
    private async Task LoadMessagesAsync()
    {
        var read = ++messageReads;
        if (conversationId is not { } id) return;
        try
        {
            var loaded = await Sandbox.MessagesAsync(actor!, id);
            var armed = (await Sandbox.ArmedFailuresAsync(actor!, id)).Count > 0;
            var offered = await Sandbox.ReplyOptionsAsync(actor!, id);
            if (read != messageReads) return;
            messages = loaded;
            failNext = armed;
            options = offered;
        }
        catch (InboxException)
        {
            if (read != messageReads) return;
            conversationId = null;
            messages = [];
            options = null;
        }
    }

    /// <summary>Shows no thread (and no read still under way may show one).</summary>
    private void ClearMessages()
    {
        messageReads++;
        conversationId = null;
        messages = [];
    }

    private Task CreateNumberAsync() => RunAsync(async () =>
    {
        await Sandbox.CreateNumberAsync(actor!, null);
        await LoadNumbersAsync();
    });

    private string NumberName(Guid? id) => numbers.FirstOrDefault(n => n.Id == id) is { } n ? $"{n.DisplayPhoneNumber} · {n.Alias}" : "";

    private async Task OnNumberAsync(Guid? id)
    {
        numberId = id;
        ClearMessages();
        await LoadConversationsAsync();
    }

    private async Task SelectAsync(Guid id)
    {
        conversationId = id;
        await LoadMessagesAsync();
    }

    private Task StartAsync() => RunAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(newText)) throw InboxException.Invalid("text", "Type the customer's first message");
        var contact = new SimulatedContact(string.IsNullOrWhiteSpace(newName) ? null : newName, string.IsNullOrWhiteSpace(newPhone) ? null : newPhone, null, null);
        var result = await Simulator.SimulateConversationAsync(actor!, new SimulatedConversation(numberId, contact, [SimulatedContent.OfText(newText!)]));
        newName = newPhone = newText = null;
        await LoadConversationsAsync();
        await SelectAsync(result.ConversationId);
    });

    /// <summary>After the customer sent something: follow the conversation it landed in (a new one when the old one was closed).</summary>
    private async Task OnCustomerSentAsync(Guid landedIn)
    {
        conversationId = landedIn;
        await LoadConversationsAsync();
        await LoadMessagesAsync();
    }

    private async Task CleanupAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete sandbox conversations",
            "Delete every conversation, message and contact of this organization's sandbox numbers? WhatsApp data is never touched.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true) await CleanupConfirmedAsync();
    }

    private Task CleanupConfirmedAsync() => RunAsync(async () =>
    {
        var result = await Sandbox.CleanupAsync(actor!);
        ClearMessages();
        await LoadNumbersAsync();
        Snackbar.Add($"Sandbox cleaned: {result.Conversations} conversations and {result.Messages} messages deleted", Severity.Success);
    });

    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
        }
        catch (InboxException e)
        {
            Snackbar.Add("Not done: " + e.Message, Severity.Error);
            await LoadMessagesAsync();
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose() => subscription?.Dispose();
}
