namespace BackCare.Data.Clinics;

/// <summary>A clinic that people can book with. Its slots are stored in UTC and shown in its own time zone.</summary>
public sealed class Clinic
{
    public Clinic(string name, string address, string phone, string timeZoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw new ArgumentException($"'{timeZoneId}' is not a time zone this machine knows (use an IANA name such as Europe/Berlin).", nameof(timeZoneId));
        }

        Id = Guid.CreateVersion7();
        Name = name.Trim();
        Address = address.Trim();
        Phone = phone.Trim();
        TimeZoneId = timeZoneId;
    }

    private Clinic()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Address { get; private set; } = "";

    public string Phone { get; private set; } = "";

    /// <summary>An IANA time zone name, e.g. America/New_York.</summary>
    public string TimeZoneId { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
