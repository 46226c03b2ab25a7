"""Static reference data of the demo generator: client templates, products, hardware, OS mixes.

Only data lives here (no logic), so the generator reads as the distributions it draws from.
Every name is fictional; prices are typical list prices of 2025/26, rounded.
"""
from __future__ import annotations

# (tenant slug, name, industry, country, holiday rule, time zone, currency, tier, relative size)
# Interleaved DE / AT / US / CH so that the first three clients already span EU and US.
CLIENTS = (
    ("brauerei-huber", "Brauerei Huber GmbH", "Food & Beverage", "DE", "DE-BY", "Europe/Berlin", "EUR", "standard", 1.0),
    ("alpenblick-hotels", "Alpenblick Hotels GmbH", "Hospitality", "AT", "AT", "Europe/Vienna", "EUR", "essential", 0.9),
    ("hudson-valley-dental", "Hudson Valley Dental Group PLLC", "Healthcare", "US", "US", "America/New_York", "USD", "premium", 0.7),
    ("mueller-maschinenbau", "Müller & Söhne Maschinenbau GmbH", "Manufacturing", "DE", "DE-BW", "Europe/Berlin", "EUR", "premium", 2.2),
    ("kanzlei-weber", "Kanzlei Weber Partner mbB", "Legal", "DE", "DE-NW", "Europe/Berlin", "EUR", "standard", 0.6),
    ("lakeside-manufacturing", "Lakeside Manufacturing Inc.", "Manufacturing", "US", "US", "America/Chicago", "USD", "standard", 1.8),
    ("zuercher-treuhand", "Zürcher Treuhand AG", "Financial Services", "CH", "CH", "Europe/Zurich", "CHF", "premium", 0.8),
    ("nordlicht-logistik", "Nordlicht Logistik GmbH", "Logistics", "DE", "DE-HH", "Europe/Berlin", "EUR", "standard", 1.5),
    ("donau-steuerberatung", "Donau Steuerberatung KG", "Accounting", "AT", "AT", "Europe/Vienna", "EUR", "essential", 0.4),
    ("pacific-crest-architects", "Pacific Crest Architects LLP", "Architecture", "US", "US", "America/Los_Angeles", "USD", "standard", 0.6),
    ("praxis-dr-schmitt", "Gemeinschaftspraxis Dr. Schmitt", "Healthcare", "DE", "DE-HE", "Europe/Berlin", "EUR", "essential", 0.3),
    ("summit-ridge-cu", "Summit Ridge Credit Union", "Financial Services", "US", "US", "America/Denver", "USD", "premium", 1.2),
    ("elbe-immobilien", "Elbe Immobilien Verwaltung GmbH", "Real Estate", "DE", "DE-SN", "Europe/Berlin", "EUR", "essential", 0.5),
    ("tiroler-holzbau", "Tiroler Holzbau GmbH & Co KG", "Construction", "AT", "AT", "Europe/Vienna", "EUR", "standard", 0.9),
    ("bluebonnet-title", "Bluebonnet Title & Escrow LLC", "Real Estate", "US", "US", "America/Chicago", "USD", "essential", 0.5),
    ("rhein-main-pharma", "Rhein-Main Pharma Vertrieb GmbH", "Pharma Distribution", "DE", "DE-HE", "Europe/Berlin", "EUR", "premium", 1.6),
    ("harbor-point-school", "Harbor Point Academy", "Education", "US", "US", "America/New_York", "USD", "standard", 1.1),
    ("ostsee-reederei", "Ostsee Reederei Petersen GmbH", "Shipping", "DE", "DE-SH", "Europe/Berlin", "EUR", "standard", 0.7),
    ("stadtwerke-kleinfeld", "Stadtwerke Kleinfeld GmbH", "Utilities", "DE", "DE-NI", "Europe/Berlin", "EUR", "premium", 1.3),
    ("granite-state-insurance", "Granite State Insurance Agency", "Insurance", "US", "US", "America/New_York", "USD", "essential", 0.4),
)

# Business hours per country: (weekday window list); Fridays shorter in DE/AT/CH.
HOURS = {
    "DE": ([["08:00", "17:00"]], [["08:00", "15:00"]]),
    "AT": ([["08:00", "17:00"]], [["08:00", "14:00"]]),
    "CH": ([["08:00", "12:00"], ["13:00", "17:30"]], [["08:00", "12:00"], ["13:00", "17:00"]]),
    "US": ([["08:00", "18:00"]], [["08:00", "18:00"]]),
}
# Extra closed days (recurring MM-DD): Christmas Eve and New Year's Eve in the German-speaking countries.
EXTRA_CLOSED = {"DE": ["12-24", "12-31"], "AT": ["12-24", "12-31"], "CH": ["12-24", "12-31"], "US": ["12-24"]}

# SLA targets per tier: priority -> (response minutes, resolution minutes), business time
# unless the tier runs the priority 24x7.
SLA_TARGETS = {
    "essential": {"P1": (60, 480), "P2": (120, 960), "P3": (480, 2400), "P4": (960, 4800)},
    "standard": {"P1": (30, 240), "P2": (60, 480), "P3": (240, 1440), "P4": (480, 2880)},
    "premium": {"P1": (15, 240), "P2": (30, 480), "P3": (120, 960), "P4": (480, 2400)},
}
SLA_24X7 = {"essential": (), "standard": (), "premium": ("P1",)}

# Managed-service price per month by currency: (per user, per device, per server, EDR per endpoint, per TB backup)
SERVICE_PRICES = {
    "EUR": ("79.00", "45.00", "189.00", "4.90", "39.00"),
    "USD": ("95.00", "55.00", "225.00", "5.50", "45.00"),
    "CHF": ("89.00", "52.00", "210.00", "5.20", "44.00"),
}
SERVICE_PRICE_BY_TIER = {"essential": "0.85", "standard": "1.00", "premium": "1.25"}

# Microsoft 365 (NCE): contract SKU, vendor product name, {currency: monthly price on an annual term}
M365 = (
    ("M365-BP", "Microsoft 365 Business Premium", {"EUR": "20.60", "USD": "22.00", "CHF": "20.50"}),
    ("M365-BS", "Microsoft 365 Business Standard", {"EUR": "11.70", "USD": "12.50", "CHF": "11.60"}),
    ("M365-E3", "Microsoft 365 E3", {"EUR": "33.70", "USD": "36.00", "CHF": "33.50"}),
    ("EXO-P1", "Exchange Online (Plan 1)", {"EUR": "3.70", "USD": "4.00", "CHF": "3.70"}),
)
# Other licences the MSP resells (lifecycle licences): sku, {currency: renewal price per seat-year}
OTHER_LICENCES = (
    ("ADOBE-CC-TEAMS", {"EUR": "840.00", "USD": "899.88", "CHF": "860.00"}),
    ("FORTICARE-UTP", {"EUR": "690.00", "USD": "745.00", "CHF": "720.00"}),
    ("VEEAM-VDC", {"EUR": "135.00", "USD": "145.00", "CHF": "140.00"}),
    ("KEEPER-BUSINESS", {"EUR": "42.00", "USD": "45.00", "CHF": "44.00"}),
    ("AUTOCAD-LT", {"EUR": "510.00", "USD": "545.00", "CHF": "530.00"}),
)

# Asset type mix (share of a client's assets) and per type: makes/models, replacement value range,
# standard warranty years, criticality weights (low, medium, high, critical).
ASSET_MIX = (("workstation", 0.33), ("laptop", 0.40), ("server", 0.04), ("network", 0.08),
             ("storage", 0.015), ("printer", 0.055), ("mobile", 0.075), ("other", 0.005))
HARDWARE = {
    "workstation": ((("Dell", "OptiPlex 7010"), ("HP", "EliteDesk 800 G9"), ("Lenovo", "ThinkCentre M90q"),
                     ("Apple", "iMac 24")), (850, 1400), 3, (0.55, 0.40, 0.05, 0.0)),
    "laptop": ((("Dell", "Latitude 5440"), ("Lenovo", "ThinkPad T14 Gen 4"), ("HP", "EliteBook 840 G10"),
                ("Apple", "MacBook Pro 14")), (1100, 2200), 3, (0.45, 0.45, 0.10, 0.0)),
    "server": ((("Dell", "PowerEdge R650"), ("HPE", "ProLiant DL380 Gen10"), ("Lenovo", "ThinkSystem SR650"),
                ("Dell", "PowerEdge T350")), (4500, 16000), 5, (0.0, 0.15, 0.50, 0.35)),
    "network": ((("Fortinet", "FortiGate 60F"), ("Cisco", "Meraki MS120-24P"), ("HPE Aruba", "AP-515"),
                 ("Ubiquiti", "UniFi USW-Pro-24")), (350, 4200), 5, (0.10, 0.30, 0.45, 0.15)),
    "storage": ((("Synology", "RS3621xs+"), ("NetApp", "FAS2820"), ("QNAP", "TS-873A")), (2500, 14000), 5,
                (0.0, 0.20, 0.50, 0.30)),
    "printer": ((("HP", "LaserJet Enterprise M611"), ("Kyocera", "ECOSYS M3655idn"), ("Brother", "MFC-L9670CDN")),
                (450, 2600), 3, (0.60, 0.35, 0.05, 0.0)),
    "mobile": ((("Apple", "iPhone 15"), ("Samsung", "Galaxy S24"), ("Apple", "iPad 10th gen")), (450, 1100), 2,
               (0.60, 0.35, 0.05, 0.0)),
    "other": ((("APC", "Smart-UPS SMT1500"), ("Axis", "M3106-L Mk II")), (300, 1500), 3, (0.40, 0.40, 0.20, 0.0)),
}
TYPE_PREFIX = {"workstation": "WS", "laptop": "NB", "server": "SRV", "network": "NET", "storage": "NAS",
               "printer": "PRN", "mobile": "MOB", "other": "OTH"}

# OS mixes (os, version, edition, weight) per type; Apple hardware draws macOS instead.
# Windows on client devices: the share still on Windows 10 (devices older than 18 months only),
# editions, and the share of Windows 11 devices one feature update behind (their version's
# servicing has just ended); the versions themselves come from mspcore's OS table as of the date.
WINDOWS10 = (("22H2", "Pro", 16), ("22H2", "Enterprise", 4), ("21H2", "Pro", 2))
WINDOWS10_SHARE = 0.22
APPLE_SHARE = 0.10
WINDOWS11_EDITIONS = (("Pro", 75), ("Enterprise", 25))
WINDOWS11_BEHIND = 0.15
MAC_OS = (("macOS", "15", "", 45), ("macOS", "14", "", 30), ("macOS", "26", "", 15), ("macOS", "13", "", 8),
          ("macOS", "12", "", 2))
SERVER_OS = (("Windows Server", "2022", "", 34), ("Windows Server", "2019", "", 24), ("Windows Server", "2016", "", 12),
             ("Windows Server", "2025", "", 8), ("Windows Server", "2012 R2", "", 3), ("ESXi", "8.0", "", 7),
             ("ESXi", "7.0", "", 4), ("Ubuntu", "22.04", "", 4), ("Ubuntu", "24.04", "", 2), ("RHEL", "9", "", 2))

# Ticket categories: (name, weight, reactive, typical work hours, chance of a device link)
CATEGORIES = (("Hardware", 14, True, 1.25, 0.9), ("Software", 20, True, 0.75, 0.7), ("Network", 8, True, 1.5, 0.4),
              ("Email & M365", 16, True, 0.5, 0.2), ("Account & Access", 15, True, 0.25, 0.1),
              ("Security", 6, True, 1.5, 0.8), ("Printing", 5, True, 0.5, 0.9), ("Backup", 3, True, 1.0, 0.6),
              ("Onboarding", 5, False, 2.0, 0.5), ("Change Request", 8, False, 1.5, 0.3))
PRIORITY_MIX = (("P1", 2), ("P2", 10), ("P3", 58), ("P4", 30))

# Security alert titles per source (title, severity, category)
ALERT_TITLES = (("Suspicious PowerShell Execution Detected", "high", "Execution"),
                ("Credential Dumping Attempt", "critical", "Credential Access"),
                ("Ransomware Behaviour Blocked", "critical", "Ransomware"),
                ("Potentially Unwanted Application", "low", "PUA"),
                ("Malicious Office Macro", "high", "Malware"),
                ("Impossible Travel Sign-in", "medium", "Identity"),
                ("New Inbox Forwarding Rule to External Address", "medium", "Identity"),
                ("Brute-force RDP Logons", "high", "Initial Access"),
                ("Cobalt Strike Beacon Signature", "critical", "Command and Control"),
                ("Adware Browser Extension", "low", "PUA"))

# Initiative templates: (key, title, quarter offset from the first budget quarter, cost lines)
# cost line: (name, kind, period, basis, amount per currency unit of EUR, category); basis per_asset
# counts come from the client's assets.
INITIATIVES = (
    ("win11", "Windows 11 migration of the remaining Windows 10 devices", 0,
     (("Upgrade and rollout per device", "one_time", None, "per_asset", "180.00", "opex"),)),
    ("mfa", "Phishing-resistant MFA for all users", 0,
     (("Security keys and rollout", "one_time", None, "flat", "3200.00", "capex"),)),
    ("awareness", "Security awareness training programme", 1,
     (("Training platform", "recurring", "annual", "flat", "1800.00", "opex"),)),
    ("firewall", "Firewall refresh with UTP licence", 2,
     (("Firewall appliances", "one_time", None, "flat", "4800.00", "capex"),
      ("UTP bundle", "recurring", "annual", "flat", "690.00", "opex"))),
    ("server2016", "Migrate Windows Server 2016 workloads", 3,
     (("New host and licences", "one_time", None, "flat", "14500.00", "capex"),
      ("Migration project", "one_time", None, "flat", "6800.00", "opex"))),
    ("immutable-backup", "Immutable off-site backup copy", 2,
     (("Cloud object storage", "recurring", "monthly", "flat", "240.00", "opex"),)),
    ("intune", "Endpoint management with Intune and Autopilot", 4,
     (("Onboarding project", "one_time", None, "flat", "5600.00", "opex"),)),
    ("wifi", "Wi-Fi 6E refresh", 5,
     (("Access points", "one_time", None, "flat", "7200.00", "capex"),)),
)
INITIATIVE_DEPENDS = {"intune": ("mfa",), "win11": (), "server2016": ("immutable-backup",)}

# The demo standard of the alignment questions: sections (id, title, weight) and questions
# (id, section, text, weight 1/3/5 = low/medium/high).
STANDARD = ("msp-baseline", "MSP Security and Operations Baseline", "2026.1")
SECTIONS = (("IAM", "Identity and access", 3), ("END", "Endpoints", 3), ("BCK", "Backup and recovery", 3),
            ("NET", "Network", 2), ("GOV", "Governance", 1))
QUESTIONS = (
    ("IAM-1", "IAM", "MFA is enforced for every user account", 5),
    ("IAM-2", "IAM", "Administrative accounts are separate from daily-use accounts", 5),
    ("IAM-3", "IAM", "Leavers are disabled within one business day", 3),
    ("IAM-4", "IAM", "Legacy authentication protocols are blocked", 3),
    ("END-1", "END", "Every endpoint runs the managed EDR agent", 5),
    ("END-2", "END", "Operating systems are vendor-supported", 5),
    ("END-3", "END", "Critical patches are installed within 14 days", 3),
    ("END-4", "END", "Disks of portable devices are encrypted", 3),
    ("END-5", "END", "Local administrator rights are removed from users", 1),
    ("BCK-1", "BCK", "Critical systems are backed up daily", 5),
    ("BCK-2", "BCK", "One backup copy is immutable or offline", 5),
    ("BCK-3", "BCK", "A restore is tested every quarter", 3),
    ("BCK-4", "BCK", "Microsoft 365 data is backed up", 3),
    ("NET-1", "NET", "The firewall is under vendor support with current firmware", 5),
    ("NET-2", "NET", "Guest Wi-Fi is separated from the office network", 3),
    ("NET-3", "NET", "Remote access requires VPN or ZTNA with MFA", 5),
    ("NET-4", "NET", "Network devices are on supported firmware", 1),
    ("GOV-1", "GOV", "An incident response plan exists and names contacts", 3),
    ("GOV-2", "GOV", "Users complete security awareness training yearly", 3),
    ("GOV-3", "GOV", "An asset inventory is reviewed every quarter", 1),
)

RISKS = (("Ransomware encrypts file servers", 4, 5), ("Business e-mail compromise", 3, 4),
         ("Extended outage of the line-of-business application", 2, 4), ("Loss of an unencrypted laptop", 3, 2),
         ("Key person dependency in IT", 3, 3), ("Unsupported operating systems exploited", 3, 4))

FIRST_NAMES = ("anna", "ben", "clara", "david", "eva", "felix", "greta", "hannah", "jonas", "katharina", "lukas",
               "maria", "noah", "olivia", "paul", "sophie", "tim", "lena", "michael", "sarah", "james", "emily",
               "daniel", "laura", "thomas", "julia", "markus", "nina", "stefan", "lisa")
LAST_NAMES = ("mueller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "hoffmann",
              "schulz", "koch", "richter", "klein", "wolf", "smith", "johnson", "brown", "miller", "davis",
              "wilson", "taylor", "anderson", "gruber", "huber", "bauer", "steiner", "moser", "keller")
