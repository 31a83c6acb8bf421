namespace BackCare.Data.Clinics;

/// <summary>A clinic that people can book with. Its slots are stored in UTC and shown in its own time zone.</summary>
public sealed class Clinic
{
    public const int DefaultSlotMinutes = 30;
    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 240;
    public const int DefaultBookingDays = 14;
    public const int MaxBookingDays = 366;

    public Clinic(string name, string address, string phone, string timeZoneId)
    {
        Id = Guid.CreateVersion7();
        Describe(name, address, phone, timeZoneId, offers: null, latitude: null, longitude: null);
    }

    private Clinic()
    {
    }

    /// <summary>Sets what people read about the clinic. The time zone must be one this machine knows; a place needs both coordinates.</summary>
    public void Describe(string name, string address, string phone, string timeZoneId, string? offers, double? latitude, double? longitude)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
        {
            throw new ArgumentException($"'{timeZoneId}' is not a time zone this machine knows (use an IANA name such as Europe/Berlin).", nameof(timeZoneId));
        }

        if (latitude.HasValue != longitude.HasValue || latitude is < -90 or > 90 || longitude is < -180 or > 180)
        {
            throw new ArgumentOutOfRangeException(nameof(latitude), "A place is a latitude from -90 to 90 and a longitude from -180 to 180, both or neither.");
        }

        Name = name.Trim();
        Address = address.Trim();
        Phone = phone.Trim();
        TimeZoneId = timeZoneId;
        Offers = string.IsNullOrWhiteSpace(offers) ? null : offers.Trim();
        Latitude = latitude;
        Longitude = longitude;
    }

    /// <summary>
    /// How its times are made: the length of one visit, how many days ahead (today included) people may book, and its
    /// own video link template, or null for the server's (<see cref="BookingOptions.JoinUrlTemplate"/>).
    /// </summary>
    public void PlanBooking(int slotMinutes, int bookingDays, string? joinUrlTemplate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotMinutes, MinSlotMinutes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slotMinutes, MaxSlotMinutes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bookingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bookingDays, MaxBookingDays);
        if (!string.IsNullOrWhiteSpace(joinUrlTemplate) && !BookingOptions.IsJoinUrlTemplate(joinUrlTemplate))
        {
            throw new ArgumentException("A video link template is an absolute http(s) address.", nameof(joinUrlTemplate));
        }

        SlotMinutes = slotMinutes;
        BookingDays = bookingDays;
        JoinUrlTemplate = string.IsNullOrWhiteSpace(joinUrlTemplate) ? null : joinUrlTemplate.Trim();
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Address { get; private set; } = "";

    public string Phone { get; private set; } = "";

    /// <summary>An IANA time zone name, e.g. America/New_York.</summary>
    public string TimeZoneId { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    /// <summary>What the clinic offers, in the administrator's words (shown when a person chooses a clinic); null when not said.</summary>
    public string? Offers { get; private set; }

    /// <summary>Where the clinic is, as the administrator typed it; null when not given.</summary>
    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    /// <summary>The length of one visit: every weekly hours row of its clinicians is cut into slots this long.</summary>
    public int SlotMinutes { get; private set; } = DefaultSlotMinutes;

    /// <summary>How many days ahead, today included, its slots are made and people may book.</summary>
    public int BookingDays { get; private set; } = DefaultBookingDays;

    public string? JoinUrlTemplate { get; private set; }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
}
