using System.Buffers.Text;
using System.Security.Cryptography;

namespace BackCare.Data.Clinics;

/// <summary>The <c>Booking</c> configuration section.</summary>
public sealed class BookingOptions
{
    public const string Section = "Booking";

    /// <summary>
    /// The join link of a telemedicine visit. <c>{appointmentId}</c>, <c>{clinicId}</c> and <c>{token}</c> (an
    /// unguessable random value, new for every booking) are filled in. BackCare runs no video service itself.
    /// </summary>
    public string JoinUrlTemplate { get; set; } = "https://meet.example.org/backcare/{appointmentId}?t={token}";

    /// <summary>
    /// The booking window a new clinic starts with on the admin page: how many days ahead, today included, slots are
    /// made from the clinicians' weekly hours. Each clinic then keeps its own (<see cref="Clinic.BookingDays"/>).
    /// </summary>
    public int SlotDays { get; set; } = 14;

    /// <summary>The widest range one slot search may ask for.</summary>
    public int MaxSearchDays { get; set; } = 31;

    /// <summary>
    /// How many open appointments (booked, not yet started) one person may hold at once. Without a cap one account
    /// could book every free time of a clinic; three leaves room for a doctor, a therapist and a follow-up.
    /// Moving a visit to another time is never refused by it.
    /// </summary>
    public int MaxOpenPerPerson { get; set; } = 3;

    /// <summary>Throws when the template is not an absolute http(s) address, so a typo shows at start, not at a booking.</summary>
    public void Validate()
    {
        if (!IsJoinUrlTemplate(JoinUrlTemplate))
        {
            throw new InvalidOperationException($"{Section}:JoinUrlTemplate must be an absolute http(s) address, got '{JoinUrlTemplate}'.");
        }

        if (SlotDays is < 1 or > 366)
        {
            throw new InvalidOperationException($"{Section}:SlotDays must be between 1 and 366, got {SlotDays}.");
        }

        if (MaxSearchDays is < 1 or > 366)
        {
            throw new InvalidOperationException($"{Section}:MaxSearchDays must be between 1 and 366, got {MaxSearchDays}.");
        }

        if (MaxOpenPerPerson is < 1 or > 1000)
        {
            throw new InvalidOperationException($"{Section}:MaxOpenPerPerson must be between 1 and 1000, got {MaxOpenPerPerson}.");
        }
    }

    /// <summary>True when the template, filled in, is an absolute http(s) address.</summary>
    public static bool IsJoinUrlTemplate(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return false;
        }

        var sample = Fill(template.Trim(), Guid.Empty, Guid.Empty);
        return Uri.TryCreate(sample, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host);
    }

    /// <summary>The join link of a video visit: the clinic's own template when it has one, else the server's.</summary>
    public string JoinUrl(Guid appointmentId, Guid clinicId, string? clinicTemplate = null) =>
        Fill(clinicTemplate ?? JoinUrlTemplate, appointmentId, clinicId);

    private static string Fill(string template, Guid appointmentId, Guid clinicId) => template
        .Replace("{appointmentId}", appointmentId.ToString(), StringComparison.Ordinal)
        .Replace("{clinicId}", clinicId.ToString(), StringComparison.Ordinal)
        .Replace("{token}", Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24)), StringComparison.Ordinal);
}
