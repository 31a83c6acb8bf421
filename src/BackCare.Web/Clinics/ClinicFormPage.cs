using System.Globalization;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Clinics;

/// <summary>
/// The fields of a clinic's details, as typed on the admin pages (adding a clinic, changing one). Numbers are read
/// here; what they mean is checked by <see cref="ClinicAdmin.Check"/>, the same as for the API.
/// </summary>
public abstract class ClinicFormPage : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    [BindProperty]
    public string? Offers { get; set; }

    [BindProperty]
    public string? Latitude { get; set; }

    [BindProperty]
    public string? Longitude { get; set; }

    [BindProperty]
    public string? SlotMinutes { get; set; }

    [BindProperty]
    public string? BookingDays { get; set; }

    [BindProperty]
    public string? JoinUrlTemplate { get; set; }

    /// <summary>Notices after a change ("The hours are added"), shown once.</summary>
    [TempData]
    public string? Notice { get; set; }

    public FormErrors Errors { get; protected set; } = new();

    protected void Fill(ClinicSummary clinic)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        Name = clinic.Name;
        Address = clinic.Address;
        Phone = clinic.Phone;
        TimeZone = clinic.TimeZone;
        Offers = clinic.Offers;
        Latitude = clinic.Latitude?.ToString(CultureInfo.InvariantCulture);
        Longitude = clinic.Longitude?.ToString(CultureInfo.InvariantCulture);
        SlotMinutes = clinic.SlotMinutes.ToString(CultureInfo.InvariantCulture);
        BookingDays = clinic.BookingDays.ToString(CultureInfo.InvariantCulture);
        JoinUrlTemplate = clinic.JoinUrlTemplate;
    }

    /// <summary>The request the fields make; a number that cannot be read is an error at its field.</summary>
    protected ClinicRequest ReadRequest(FormErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = PageText.English;
        var latitude = ReadNumber(Latitude, "latitude", text["admin_error_latitude"], errors);
        var longitude = ReadNumber(Longitude, "longitude", text["admin_error_longitude"], errors);
        var minutes = ReadWhole(SlotMinutes, "slotMinutes", text.Format("admin_error_slot_minutes", Data.Clinics.Clinic.MinSlotMinutes, Data.Clinics.Clinic.MaxSlotMinutes), errors);
        var days = ReadWhole(BookingDays, "bookingDays", text.Format("admin_error_booking_days", Data.Clinics.Clinic.MaxBookingDays), errors);
        return new ClinicRequest(Name, Address, Phone, TimeZone, Offers, latitude, longitude, minutes, days, JoinUrlTemplate);
    }

    /// <summary>The field checks of <see cref="ClinicAdmin.Check"/> after the numbers', each field's first problem once.</summary>
    protected static FormErrors Merge(FormErrors first, FormErrors? then)
    {
        ArgumentNullException.ThrowIfNull(first);
        foreach (var error in then?.All ?? [])
        {
            first.Add(error.Field, error.Message, error.Target);
        }

        return first;
    }

    private static double? ReadNumber(string? value, string field, string message, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        errors.Add(field, message);
        return null;
    }

    private static int? ReadWhole(string? value, string field, string message, FormErrors errors)
    {
        if (int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add(field, message);
        return null;
    }
}
