namespace BackCare.Data.Clinics;

/// <summary>
/// A message sent with the clinic's public contact form, by anyone, signed in or not. It lands in the clinic's
/// inbox; a signed-in sender's request also carries their account so the clinic can answer in the thread.
/// </summary>
public sealed class ContactRequest
{
    public const int MaxBodyLength = 4000;

    public ContactRequest(Guid clinicId, string name, string? email, string? phone, string body, Guid? accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(body.Length, MaxBodyLength, nameof(body));
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(phone))
        {
            throw new ArgumentException("The clinic needs an email address or a phone number to answer.", nameof(email));
        }

        Id = Guid.CreateVersion7();
        ClinicId = clinicId;
        Name = name.Trim();
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        Body = body.Trim();
        AccountId = accountId;
    }

    private ContactRequest()
    {
    }

    public Guid Id { get; private set; }

    public Guid ClinicId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string Name { get; private set; } = "";

    public string? Email { get; private set; }

    public string? Phone { get; private set; }

    public string Body { get; private set; } = "";

    public Guid? AccountId { get; private set; }

    public DateTime? HandledUtc { get; private set; }

    public void MarkHandled(DateTime nowUtc) => HandledUtc ??= nowUtc;
}
