using InboxApp.Auth;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace InboxApp.Features.Sandbox;

/// <summary>The sandbox simulator: play the customer of a sandbox number, reply as the business and watch the ticks live.</summary>
public partial class SandboxPage
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private SandboxService Sandbox { get; set; } = default!;
    [Inject] private SandboxSimulator Simulator { get; set; } = default!;
    [Inject] private MessageSender Sender { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

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
    private string? customerText;
    private string? replyText;
    private bool failNext;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        isAdmin = actor.AtLeast(UserRole.ADMIN);
        if (!isAdmin) return;
        await LoadNumbersAsync();
        if (RendererInfo.IsInteractive) subscription = Bus.Subscribe(actor.Org, OnEventAsync);
    }

    private async Task OnEventAsync(InboxEvent e)
    {
        await InvokeAsync(async () =>
        {
            if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
            if (e.ConversationId == conversationId) await LoadMessagesAsync();
            StateHasChanged();
        });
    }

    private async Task LoadNumbersAsync()
    {
        numbers = await Sandbox.ListNumbersAsync(actor!);
        numberId ??= numbers.FirstOrDefault()?.Id;
        if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
    }

    private async Task LoadMessagesAsync()
    {
        if (conversationId is not { } id) return;
        try
        {
            messages = await Sandbox.MessagesAsync(actor!, id);
            failNext = (await Sandbox.ArmedFailuresAsync(actor!, id)).Count > 0;
        }
        catch (InboxException)
        {
            conversationId = null;
            messages = [];
        }
    }

    private Task CreateNumberAsync() => RunAsync(async () =>
    {
        await Sandbox.CreateNumberAsync(actor!, null);
        await LoadNumbersAsync();
    });

    private async Task OnNumberAsync(ChangeEventArgs e)
    {
        numberId = Guid.TryParse(e.Value?.ToString(), out var id) ? id : null;
        conversationId = null;
        messages = [];
        if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
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
        conversations = await Sandbox.ListConversationsAsync(actor!, numberId!.Value);
        await SelectAsync(result.ConversationId);
    });

    private Task SendAsCustomerAsync() => RunAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(customerText)) throw InboxException.Invalid("text", "Type what the customer says");
        var result = await Simulator.SimulateMessageAsync(actor!, conversationId!.Value, SimulatedContent.OfText(customerText!));
        customerText = null;
        if (result.ConversationId != conversationId) conversationId = result.ConversationId;
        await LoadMessagesAsync();
    });

    private Task ReplyAsync() => RunAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(replyText)) throw InboxException.Invalid("text", "Type the reply");
        await Sender.SendTextAsync(actor!, conversationId!.Value, replyText!, null);
        replyText = null;
        await LoadMessagesAsync();
    });

    private Task ToggleFailureAsync(bool on) => RunAsync(async () =>
    {
        if (on) await Sandbox.ArmFailureAsync(actor!, conversationId, null, SandboxSender.DefaultFailureCode);
        else await Sandbox.DisarmFailuresAsync(actor!, conversationId!.Value);
        await LoadMessagesAsync();
    });

    private Task CleanupAsync() => RunAsync(async () =>
    {
        var result = await Sandbox.CleanupAsync(actor!);
        conversationId = null;
        messages = [];
        await LoadNumbersAsync();
        Notifications.Notify(NotificationSeverity.Success, "Sandbox cleaned", $"{result.Conversations} conversations and {result.Messages} messages deleted");
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
            Notifications.Notify(NotificationSeverity.Error, "Not done", e.Message);
            await LoadMessagesAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static string Describe(MessageDto m) => m.Type switch
    {
        MessageType.LOCATION => $"📍 {m.LocationName ?? "Location"} {m.LocationAddress}",
        MessageType.TEXT or MessageType.INTERACTIVE or MessageType.BUTTON => m.Text ?? "",
        _ => m.Caption ?? m.Text ?? m.Type.ToString().ToLowerInvariant(),
    };

    private static string Ticks(MessageDto m) => m.Direction == Core.Conversations.MessageDirection.INBOUND ? "" : m.Status switch
    {
        MessageStatus.PENDING => "🕓",
        MessageStatus.SENT => "✓",
        MessageStatus.DELIVERED => "✓✓",
        MessageStatus.READ => "✓✓ read",
        MessageStatus.FAILED => "⚠ failed",
        MessageStatus.UNKNOWN => "? unconfirmed",
        _ => "",
    };

    public void Dispose() => subscription?.Dispose();
}
