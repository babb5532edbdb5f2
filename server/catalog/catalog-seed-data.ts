import "server-only";

/** A kind of product, with the price range (whole currency units) it sells in. */
export interface SeedNoun {
  noun: string;
  minPrice: number;
  maxPrice: number;
}

/** Products alike enough to share materials, features and uses (so no mug gets a "15-bar pump"). */
export interface SeedProductGroup {
  nouns: SeedNoun[];
  adjectives?: string[];
  materials: string[];
  features: string[];
  uses: string[];
  /** Model suffixes ("Pro", "2") where they make sense for the kind of product. */
  models?: string[];
  /** Colourways that may follow the name ("… – Olive"). */
  colours?: string[];
}

/** One storefront category and the vocabulary its generated products are written from. */
export interface SeedCategorySpec {
  name: string;
  slug: string;
  description: string;
  /** Relative share of the catalog: a real storefront is uneven. */
  weight: number;
  /** Name words for the category; a group may bring its own. */
  adjectives: string[];
  /** Brand-like names for this category only; otherwise drawn from the shared pool. */
  brands?: string[];
  groups: SeedProductGroup[];
}

// Lists are written "a | b | c" so that each one stays on one readable line.
const list = (text: string): string[] => text.split("|").map((item) => item.trim());

const GROUP_FIELDS = new Set(["nouns", "adjectives", "materials", "features", "uses", "models", "colours"]);

/**
 * A group written as "field: a | b | c" lines; a field may span several lines. Nouns carry their
 * price range: "Espresso Machine 249-899". Malformed data fails at import, so tests catch it.
 */
function group(text: string): SeedProductGroup {
  const fields = new Map<string, string[]>();
  for (const line of text.split("\n").map((raw) => raw.trim())) {
    if (!line) continue;
    const match = /^(\w+):\s*(.+)$/.exec(line);
    if (!match || !GROUP_FIELDS.has(match[1]!)) throw new Error(`catalog seed data: cannot read "${line}"`);
    fields.set(match[1]!, [...(fields.get(match[1]!) ?? []), ...list(match[2]!)]);
  }
  const required = (field: string): string[] => {
    const values = fields.get(field);
    if (!values?.length) throw new Error(`catalog seed data: a group has no ${field} (${text.trim().slice(0, 60)})`);
    return values;
  };
  return {
    nouns: required("nouns").map(parseNoun),
    adjectives: fields.get("adjectives"),
    materials: required("materials"),
    features: required("features"),
    uses: required("uses"),
    models: fields.get("models"),
    colours: fields.get("colours"),
  };
}

function parseNoun(item: string): SeedNoun {
  const match = /^(.+?)\s+(\d+)-(\d+)$/.exec(item);
  if (!match) throw new Error(`catalog seed data: "${item}" has no price range`);
  return { noun: match[1]!, minPrice: Number(match[2]), maxPrice: Number(match[3]) };
}

export const SHARED_BRANDS = list(
  "Alder & Co. | Northwind | Kestrel | Brightfield | Tidewater | Fernway | Oakhollow | Slate & Sparrow | Ridgeline | " +
    "Juniper | Copperleaf | Bramble | Ashby | Marlowe | Halden | Wrenfield | Everly | Larkspur | Bellweather | Greystone",
);
export const BRAND_SUFFIXES = list("& Co. | Supply | Works | Goods | Outfitters | & Sons");
export const CLOSING_SENTENCES = list(
  "Ships in plastic-free packaging. | Free returns within 30 days. | A customer favourite since launch. | " +
    "Quality-checked by hand before it ships. | Part of our carbon-neutral shipping programme. | " +
    "Reviewers keep coming back to it for good reason.",
);

const GEAR = "Pro | 2 | 3 | Lite | Max | Plus | Mk II | Air | Sport";
const EARTH = "Olive | Slate | Sand | Midnight | Forest | Clay | Oat | Charcoal | Sage | Rust | Navy | Bone";

export const CATEGORY_SPECS: SeedCategorySpec[] = [
  {
    name: "Running Shoes",
    slug: "running-shoes",
    description: "Road and trail shoes fitted for every stride, from easy miles to race day.",
    weight: 7,
    adjectives: list("Featherlight | Tempo | Cloudstep | Ridge | Swift | Endurance | Velocity | Glide"),
    groups: [
      group(`
        nouns: Road Running Shoe 69-189 | Racing Flat 99-249 | Stability Trainer 89-179 | Cushioned Trainer 89-199
        nouns: Carbon-Plate Racer 179-289 | Daily Trainer 69-159
        materials: engineered mesh | a recycled knit upper | breathable jacquard mesh | supercritical foam
        materials: a nitrogen-infused midsole
        features: a durable rubber outsole | a padded heel collar | a rocker geometry | reflective overlays
        features: a gusseted tongue | an 8 mm heel-to-toe drop | a roomy toe box
        uses: long Sunday runs | tempo sessions | race day | half-marathon training | easy recovery miles
        models: ${GEAR}
        colours: Volt | Coral | Cobalt | Black/White | Glacier Grey | Sunset Orange
      `),
      group(`
        nouns: Trail Running Shoe 79-209 | Waterproof Trail Shoe 109-229 | Fell Running Shoe 89-179
        materials: a waterproof Gore-Tex membrane | abrasion-resistant ripstop mesh | a sticky rubber outsole
        materials: responsive EVA foam
        features: 5 mm multidirectional lugs | a rock plate for technical trails | a protective toe bumper
        features: a gaiter attachment point | quick-pull laces
        uses: muddy trail loops | mountain ultras | wet winter runs | technical descents
        models: ${GEAR}
        colours: Moss | Ember | Slate | Black/Lime
      `),
    ],
  },
  {
    name: "Outdoor & Camping",
    slug: "outdoor-camping",
    description: "Tents, packs and camp kitchen gear for nights under the stars, whatever the forecast.",
    weight: 6,
    adjectives: list("Ultralight | Alpine | Basecamp | Trailhead | Summit | Backcountry | Wayfinder"),
    groups: [
      group(`
        nouns: Backpacking Tent 149-649 | Family Tent 199-599 | Bivy Sack 79-249 | Camping Tarp 39-149
        materials: ripstop nylon | silnylon | recycled polyester | aluminium alloy poles
        features: a waterproof rainfly | fully taped seams | two vestibules | a freestanding design
        features: a packed weight under 1.5 kg | colour-coded clips
        uses: weekend backpacking trips | car camping with the family | thru-hikes | festival weekends
        models: ${GEAR}
      `),
      group(`
        nouns: Sleeping Bag 89-449 | Mummy Sleeping Bag 119-449 | Kids' Sleeping Bag 49-119
        materials: 800-fill responsibly sourced down | recycled synthetic insulation | a 20D ripstop nylon shell
        materials: a brushed polyester lining
        features: a packable stuff sack | a two-way zip | a draft collar | a contoured hood | a comfort rating of -5 °C
        uses: cold alpine nights | thru-hikes | car camping with the family | summer festivals
      `),
      group(`
        nouns: Hiking Backpack 79-299 | Daypack 39-149 | Hydration Pack 49-129
        materials: recycled ripstop nylon | Dyneema-reinforced fabric | an aluminium frame sheet | breathable spacer mesh
        features: an adjustable hip belt | a ventilated back panel | a rain cover | a hydration sleeve
        features: stretch side pockets | trekking pole loops
        uses: day hikes | multi-day treks | alpine starts | weekend backpacking trips
        colours: ${EARTH}
      `),
      group(`
        nouns: Headlamp 19-89 | Camp Lantern 19-69
        materials: anodised aluminium | impact-resistant polycarbonate | a silicone diffuser
        features: a 400-lumen beam | a red night-vision mode | USB-C charging | an IPX7 waterproof rating
        features: a lock mode for your pack
        uses: pre-dawn starts | camp chores after dark | night hikes | power cuts at home
      `),
      group(`
        nouns: Camp Stove 29-149 | Backpacking Stove 39-129 | Camp Cook Set 29-99
        materials: stainless steel | titanium | hard-anodised aluminium
        features: a windproof design | a piezo igniter | a boil time of about three minutes | folding supports
        features: a compact carry case
        uses: camp breakfasts | backcountry dinners | brewing coffee at the summit
      `),
    ],
  },
  {
    name: "Kitchen",
    slug: "kitchen",
    description: "Knives, boards and clever tools that make everyday cooking quicker and calmer.",
    weight: 5,
    adjectives: list("Everyday | Prep | Heritage | Nordic | Compact | Artisan | Essential"),
    groups: [
      group(`
        nouns: Chef's Knife 39-249 | Santoku Knife 39-199 | Bread Knife 29-129 | Paring Knife 15-59
        nouns: Knife Block Set 99-399
        materials: high-carbon stainless steel | Damascus-clad steel | olive wood handles | pakkawood handles
        features: a full-tang handle | a hand-honed 15° edge | a bolster-free heel for full-length sharpening
        features: a protective blade guard | a free sharpening service
        uses: weeknight dinners | Sunday meal prep | serious home cooks | cooking classes
      `),
      group(`
        nouns: Cutting Board 19-89 | Butcher Block 59-199 | Serving Board 25-79
        materials: end-grain acacia wood | FSC-certified walnut | bamboo | beech wood
        features: juice grooves | non-slip rubber feet | a food-safe mineral oil finish | recessed handles
        features: a reversible design
        uses: weeknight dinners | cheese and charcuterie nights | Sunday meal prep | entertaining guests
      `),
      group(`
        nouns: Mixing Bowl Set 24-79 | Food Storage Containers 19-59 | Measuring Cups 6-24 | Salad Spinner 19-45
        materials: stainless steel | borosilicate glass | food-grade silicone | BPA-free Tritan
        features: dishwasher-safe parts | nesting storage | airtight lids | non-slip bases | clear measurement markings
        uses: Sunday meal prep | holiday baking | small apartment kitchens | packed lunches
      `),
      group(`
        nouns: Stand Mixer 199-549 | Hand Mixer 29-99 | Immersion Blender 29-129
        materials: die-cast zinc | brushed stainless steel | BPA-free plastic
        features: a 500 W motor | ten speed settings | a splash guard | dishwasher-safe attachments
        features: a soft-start function
        uses: holiday baking | bread making | smoothies and soups | weekend pancakes
        models: ${GEAR}
        colours: Cream | Sage | Charcoal | Pistachio | Red
      `),
    ],
  },
  {
    name: "Cookware",
    slug: "cookware",
    description: "Pans, pots and bakeware built to sear, simmer and bake for decades.",
    weight: 4,
    adjectives: list("Professional | Heritage | Everyday | Bistro | Signature | Farmhouse | Atelier"),
    groups: [
      group(`
        nouns: Skillet 29-149 | Frying Pan 25-139 | Sauté Pan 59-249 | Wok 29-129 | Griddle 39-149
        materials: cast iron | tri-ply stainless steel | carbon steel | hard-anodised aluminium
        materials: copper-core stainless steel
        features: an induction-ready base | a stay-cool handle | oven-safe construction up to 260 °C
        features: flared sides for easy tossing | a helper handle | a lifetime warranty
        uses: searing steaks | quick stir-fries | Sunday pancakes | weeknight dinners
      `),
      group(`
        nouns: Dutch Oven 69-399 | Saucepan 39-179 | Stockpot 49-229 | Braiser 79-299 | Cookware Set 149-499
        materials: enamelled cast iron | tri-ply stainless steel | hard-anodised aluminium
        materials: copper-core stainless steel
        features: a tight-fitting lid | dripless pouring rims | an induction-ready base
        features: oven-safe construction up to 260 °C | riveted handles | interior measurement markings
        uses: slow braises | batch-cooking soups | Sunday roasts | homemade stock
        colours: Cerise | Ocean | Sage | Matte Black | Cream
      `),
      group(`
        nouns: Sheet Pan 15-45 | Loaf Tin 12-35 | Cake Tin 14-39 | Muffin Tray 14-39
        materials: aluminised steel | heavy-gauge carbon steel | a PFAS-free ceramic coating
        features: rolled edges that resist warping | an easy-release surface | even heat distribution
        features: dishwasher-safe construction
        uses: holiday baking | sourdough loaves | birthday cakes | weeknight traybakes
      `),
    ],
  },
  {
    name: "Coffee & Tea",
    slug: "coffee-tea",
    description: "Grinders, brewers and kettles for a better cup at home, at work or at camp.",
    weight: 4,
    adjectives: list("Barista | Morning | Café | Roastery | Daybreak | Ritual"),
    groups: [
      group(`
        nouns: Espresso Machine 249-899 | Lever Espresso Maker 149-499
        materials: brushed stainless steel | matte black aluminium | a die-cast metal housing
        features: a 15-bar pump | a steam wand for microfoam | PID temperature control | a 58 mm portafilter
        features: a removable 2-litre water tank
        uses: espresso lovers | flat whites at home | slow weekend mornings
        models: ${GEAR}
      `),
      group(`
        nouns: Burr Grinder 79-399 | Hand Grinder 39-149
        materials: hardened steel burrs | anodised aluminium | a walnut handle
        features: 40 grind settings | conical steel burrs | a static-free catch cup | a single-dose hopper
        uses: pour-over fans | espresso lovers | camping trips | the office desk
        models: ${GEAR}
      `),
      group(`
        nouns: Pour-Over Dripper 12-45 | French Press 19-69 | Cold Brew Maker 19-59 | AeroPress-Style Brewer 25-49
        materials: borosilicate glass | glazed ceramic | stainless steel | BPA-free Tritan
        features: a reusable stainless steel filter | dishwasher-safe parts | a brew guide in the box
        features: measurement markings | a drip-free design
        uses: slow weekend mornings | the office desk | camping trips | iced coffee in summer
      `),
      group(`
        nouns: Pour-Over Kettle 39-169 | Electric Gooseneck Kettle 59-169
        materials: brushed stainless steel | matte black stainless steel | copper
        features: a gooseneck spout | precise temperature control | a keep-warm mode | a built-in thermometer
        features: a counterbalanced handle
        uses: pour-over fans | green tea drinkers | slow weekend mornings
      `),
      group(`
        nouns: Teapot 24-89 | Tea Set 49-149 | Cast Iron Teapot 39-119
        materials: glazed ceramic | borosilicate glass | cast iron | porcelain
        features: a fine stainless steel infuser | a drip-free spout | a heat-resistant handle
        features: enough for four cups
        uses: an afternoon tea ritual | loose leaf tea lovers | guests on Sunday
      `),
      group(`
        nouns: Travel Mug 18-45 | Insulated Tumbler 19-39
        materials: 18/8 stainless steel | a ceramic inner coating | a bamboo lid
        features: double-wall vacuum insulation | a leak-proof lid | a one-handed sip lid
        features: a cup-holder-friendly base | hours of heat retention
        uses: the daily commute | long drives | the office desk | camping trips
        colours: ${EARTH}
      `),
    ],
  },
  {
    name: "Headphones & Audio",
    slug: "headphones-audio",
    description: "Headphones, earbuds, speakers and turntables tuned for music, calls and everything between.",
    weight: 5,
    adjectives: list("Studio | Pulse | Quiet | Resonance | Echo | Voyager | Reference"),
    groups: [
      group(`
        nouns: Wireless Headphones 59-349 | Noise-Cancelling Headphones 129-549 | Over-Ear Headphones 79-399
        materials: memory foam ear cushions | vegan leather | anodised aluminium | recycled plastics
        materials: 40 mm dynamic drivers
        features: active noise cancellation | 40-hour battery life | Bluetooth 5.3 multipoint pairing
        features: USB-C fast charging | a fold-flat design | a transparency mode
        uses: long-haul flights | the daily commute | focused work | late-night listening
        models: ${GEAR}
        colours: Black | Silver | Sand | Midnight Blue | Sage
      `),
      group(`
        nouns: True Wireless Earbuds 39-279 | Sport Earbuds 29-179 | Open-Ear Earbuds 59-199
        materials: soft silicone ear tips | memory foam tips | recycled plastics | a brushed aluminium case
        features: an IPX4 sweat-resistant build | wireless charging | 8 hours of playback per charge
        features: touch controls | a beamforming microphone for calls | active noise cancellation
        uses: gym sessions | the daily commute | podcasts on the go | long runs
        models: ${GEAR}
        colours: Black | White | Sand | Midnight Blue
      `),
      group(`
        nouns: Bluetooth Speaker 29-299 | Portable Speaker 39-199 | Smart Speaker 49-249
        materials: a woven fabric grille | ruggedised silicone | recycled aluminium | a bamboo front panel
        features: 360° sound | an IP67 waterproof rating | 20 hours of battery life | stereo pairing
        features: a built-in power bank
        uses: beach days | backyard barbecues | kitchen playlists | camping trips
        colours: ${EARTH}
      `),
      group(`
        nouns: Bookshelf Speakers 149-599 | Soundbar 129-699 | Powered Speakers 199-599
        materials: solid walnut veneer | a braced MDF cabinet | silk-dome tweeters | brushed aluminium
        features: Bluetooth and optical inputs | a dedicated subwoofer output | room-correction tuning
        features: a wall-mountable design | a slim remote
        uses: movie nights | small living rooms | home studio mixing | vinyl Sunday afternoons
      `),
      group(`
        nouns: Turntable 149-599 | Belt-Drive Turntable 199-699
        materials: solid walnut veneer | an acrylic platter | a die-cast aluminium platter | an MDF plinth
        features: a built-in phono preamp | an aluminium tonearm | a pre-mounted cartridge
        features: a 33/45 rpm speed switch | Bluetooth output to wireless speakers
        uses: vinyl Sunday afternoons | record collectors | small living rooms
      `),
    ],
  },
  {
    name: "Home Office",
    slug: "home-office",
    description: "Desks, chairs and accessories for a workspace that is kind to your back.",
    weight: 4,
    adjectives: list("Ergo | Focus | Workspace | Flex | Minimal | Executive"),
    groups: [
      group(`
        nouns: Standing Desk 299-799 | Standing Desk Converter 129-349
        materials: solid oak | bamboo | a powder-coated steel frame | FSC-certified walnut veneer
        features: a dual-motor lift | a memory keypad | anti-collision sensing | hidden cable routing
        features: a 120 kg load capacity
        uses: long focus sessions | hybrid work weeks | small-apartment workspaces
        models: ${GEAR}
      `),
      group(`
        nouns: Writing Desk 149-449 | Corner Desk 249-699
        materials: solid oak | bamboo | a powder-coated steel frame | FSC-certified walnut veneer
        features: hidden cable routing | a scratch-resistant finish | tool-free assembly | levelling feet
        features: a slim drawer
        uses: small-apartment workspaces | homework stations | hybrid work weeks
      `),
      group(`
        nouns: Ergonomic Office Chair 199-749 | Task Chair 129-349 | Mesh Office Chair 149-449
        materials: breathable mesh | high-density foam | a recycled aluminium base | vegan leather
        features: adjustable lumbar support | 4D armrests | a synchronous tilt mechanism | a headrest
        features: smooth-rolling casters | a 12-year warranty
        uses: long focus sessions | hybrid work weeks | back-to-back video calls
        colours: Graphite | Oat | Navy | Sage
      `),
      group(`
        nouns: Monitor Arm 39-169 | Dual Monitor Arm 69-229
        materials: powder-coated steel | recycled aluminium
        features: a gas-spring arm | VESA 75/100 compatibility | a clamp or grommet mount
        features: integrated cable management | 360° rotation
        uses: multi-screen setups | small desks | better posture
      `),
      group(`
        nouns: Laptop Stand 25-89 | Tablet Stand 19-49
        materials: recycled aluminium | bamboo | solid oak
        features: six height settings | a folding design | silicone pads that protect your device
        features: open ventilation for cooler running
        uses: better posture | working from cafés | small desks
      `),
      group(`
        nouns: Webcam 39-199 | 4K Webcam 99-249
        materials: a glass lens | recycled plastics
        features: 1080p video at 60 fps | auto light correction | a privacy shutter
        features: dual noise-reducing microphones | a universal monitor clip
        uses: back-to-back video calls | streaming | hybrid work weeks
        models: ${GEAR}
      `),
    ],
  },
  {
    name: "Board Games",
    slug: "board-games",
    description: "Strategy, party and cooperative games for family nights and friendly rivalries.",
    weight: 3,
    adjectives: list(
      "Lighthouse Keepers | Spice Route | Orchard Harvest | Night Market | Tidepool | Skyward | Lost Ruins | Canal City",
    ),
    brands: list("Meeple Harbor | Twin Dice Games | Little Rook | Tabletop Forge | Grove Games"),
    groups: [
      group(`
        nouns: Strategy Game 39-89 | Cooperative Board Game 29-79 | Family Board Game 19-49
        nouns: Worker-Placement Game 39-79
        materials: thick cardboard tiles | wooden meeples | linen-finish cards | custom engraved dice
        materials: dual-layer player boards
        features: a 45–90 minute play time | solo mode rules | support for 1–5 players | a quick-start guide
        features: an insert that keeps components organised | a rulebook you can learn in fifteen minutes
        uses: family game nights | rainy weekends | game-group evenings | holiday gatherings
      `),
      group(`
        nouns: Card Game 9-24 | Party Game 14-34 | Dice Game 9-29 | Two-Player Game 19-45
        materials: linen-finish cards | custom engraved dice | a magnetic tin | recycled cardboard
        features: a 15–30 minute play time | rules you can teach in five minutes | a travel-friendly box
        features: plenty of replay value | wipe-clean cards
        uses: parties with friends | pub nights | two-player evenings | travel | family holidays
      `),
    ],
  },
  {
    name: "Skin Care",
    slug: "skin-care",
    description: "Gentle, effective cleansers, serums, moisturisers and sunscreens for every skin type.",
    weight: 4,
    adjectives: list("Hydrating | Calming | Daily | Brightening | Barrier | Gentle | Renewing"),
    groups: [
      group(`
        nouns: Face Serum 14-79 | Moisturiser 12-69 | Night Cream 18-89 | Eye Cream 15-69 | Face Oil 16-59
        materials: hyaluronic acid | niacinamide | vitamin C | ceramides | squalane | bakuchiol | peptides
        features: a fragrance-free formula | a non-comedogenic texture | dermatologist-tested ingredients
        features: an airless pump | a vegan and cruelty-free formula | a lightweight, fast-absorbing finish
        uses: sensitive skin | morning and evening routines | dry winter months | combination skin
      `),
      group(`
        nouns: Gel Cleanser 9-34 | Cleansing Balm 14-39 | Exfoliating Toner 12-44 | Clay Mask 12-39
        materials: aloe vera | salicylic acid | kaolin clay | green tea extract | glycolic acid | oat extract
        features: a pH-balanced formula | a soap-free formula | a fragrance-free formula | recyclable packaging
        features: dermatologist-tested ingredients | a gentle, non-stripping finish
        uses: oily and combination skin | double cleansing | a weekly reset | sensitive skin
      `),
      group(`
        nouns: Sunscreen SPF 50 9-39 | Tinted Sunscreen SPF 30 12-39 | Lip Balm SPF 15 4-14
        materials: zinc oxide | shea butter | vitamin E | broad-spectrum UV filters
        features: no white cast | a water-resistant formula for 80 minutes | a reef-friendly formula
        features: a pocket-sized tube | a fragrance-free formula
        uses: daily city wear | beach holidays | ski trips | outdoor sports
      `),
    ],
  },
  {
    name: "Cycling",
    slug: "cycling",
    description: "Bikes, helmets, lights and apparel for commuters, racers and gravel explorers.",
    weight: 4,
    adjectives: list("Aero | Gravel | Commuter | Peloton | Climber | Allroad | Crosswind"),
    groups: [
      group(`
        nouns: Gravel Bike 899-2499 | Road Bike 999-2999 | City Bike 499-1199
        adjectives: Allroad | Crosswind | Ridgeback | Meridian | Fastback
        materials: carbon fibre | 6061 aluminium | chromoly steel
        features: hydraulic disc brakes | a 1x12 drivetrain | tubeless-ready wheels | mudguard mounts
        features: internal cable routing | a lifetime frame warranty
        uses: gravel adventures | the daily commute | bikepacking trips | century rides
        models: ${GEAR}
        colours: ${EARTH}
      `),
      group(`
        nouns: Road Bike Helmet 49-279 | Commuter Helmet 39-149 | Mountain Bike Helmet 59-249
        materials: an in-moulded polycarbonate shell | EPS foam | recycled polyester straps
        features: MIPS impact protection | 18 ventilation channels | a magnetic buckle
        features: an integrated rear light | a dial-fit retention system
        uses: the daily commute | fast group rides | singletrack weekends | school runs
        colours: Matte Black | White | Fluoro Yellow | Sage | Navy
      `),
      group(`
        nouns: Cycling Jersey 39-149 | Bib Shorts 59-219 | Thermal Cycling Jacket 89-249 | Cycling Gloves 19-59
        materials: recycled Lycra | merino wool | Italian compression fabric | a windproof membrane
        features: a reflective trim | flatlock seams | a race-fit cut | UPF 50 sun protection
        features: silicone grippers | quick-drying fabric
        uses: century rides | winter training | hot summer climbs | club rides
        colours: ${EARTH}
      `),
      group(`
        nouns: Bike Light Set 19-129 | Rear Radar Light 129-229 | Front Bike Light 25-119
        materials: an aluminium housing | impact-resistant polycarbonate
        features: USB-C charging | a 1,000-lumen beam | daytime flash modes | a tool-free mount
        features: an IPX6 waterproof rating
        uses: the daily commute | winter training | night rides
        models: ${GEAR}
      `),
      group(`
        nouns: Bike Computer 99-449 | GPS Cycling Computer 149-449
        materials: a scratch-resistant glass screen | a fibre-reinforced case
        features: turn-by-turn GPS navigation | a 20-hour battery | ANT+ and Bluetooth sensor support
        features: a colour touchscreen | an out-front mount
        uses: structured training | bikepacking trips | century rides
        models: ${GEAR}
      `),
      group(`
        nouns: U-Lock 39-129 | Folding Bike Lock 49-149 | Chain Lock 29-99
        materials: hardened steel | boron alloy steel | a vinyl coating
        features: a pick-resistant cylinder | a frame mount | two keys and a key-replacement service
        features: a coating that protects your paintwork
        uses: the daily commute | city parking | high-theft areas
      `),
    ],
  },
  {
    name: "Yoga & Fitness",
    slug: "yoga-fitness",
    description: "Mats, weights and recovery tools for training at home, in the studio or on the road.",
    weight: 4,
    adjectives: list("Balance | Flow | Core | Grounded | Power | Restore | Studio"),
    groups: [
      group(`
        nouns: Yoga Mat 25-129 | Travel Yoga Mat 29-79 | Exercise Mat 19-69
        materials: natural tree rubber | cork | TPE foam | organic cotton | recycled PU
        features: a non-slip textured surface | alignment markings | a carrying strap | 6 mm of cushioning
        features: a sweat-resistant finish
        uses: hot yoga classes | home workouts | pilates | stretching after runs
        colours: Sage | Clay | Charcoal | Lavender | Ocean
      `),
      group(`
        nouns: Yoga Block 9-29 | Yoga Strap 8-22 | Meditation Cushion 29-69 | Yoga Bolster 35-79
        materials: cork | EVA foam | organic cotton | buckwheat hulls | recycled polyester
        features: a washable cover | rounded edges | a firm, supportive feel | a carry handle
        features: a lightweight design
        uses: restorative yoga | deeper stretches | daily meditation | beginners building flexibility
      `),
      group(`
        nouns: Adjustable Dumbbells 89-449 | Kettlebell 25-149 | Weight Plate Set 59-249
        materials: cast iron | a powder-coated finish | a rubber coating | steel handles
        features: knurled grips | a chip-resistant coating | clearly marked weights | flat bases that stay put
        features: a floor-friendly rubber coating
        uses: small-space strength training | home workouts | progressive strength plans | garage gyms
      `),
      group(`
        nouns: Foam Roller 15-59 | Vibrating Foam Roller 69-149 | Massage Ball Set 9-29
        materials: EVA foam | high-density foam | natural rubber
        features: a textured surface for deep-tissue release | a hollow core that keeps its shape
        features: a compact size for travel | an exercise guide
        uses: stretching after runs | post-workout recovery | desk-job stiffness
      `),
      group(`
        nouns: Resistance Band Set 12-45 | Loop Band Set 9-29
        materials: natural latex | fabric-covered latex | TPE
        features: colour-coded resistance levels | a door anchor | a carry bag | a printed exercise guide
        uses: home workouts | travel workouts | physio exercises | glute training
      `),
    ],
  },
  {
    name: "Baby & Kids",
    slug: "baby-kids",
    description: "Thoughtful gear, toys and sleepwear for little ones and the grown-ups who carry them.",
    weight: 3,
    adjectives: list("Little | Cuddle | Playful | Nest | Sprout | Tiny Explorer"),
    groups: [
      group(`
        nouns: Baby Carrier 59-189 | Baby Wrap 39-89
        materials: organic cotton | bamboo viscose | breathable mesh panels
        features: hip-healthy ergonomic positioning | padded shoulder straps | a newborn fit without an insert
        features: machine-washable fabric
        uses: newborn cuddles | daily walks in the park | hands-free errands
        colours: ${EARTH}
      `),
      group(`
        nouns: Stroller 199-899 | Travel Stroller 149-449
        materials: an aluminium frame | recycled polyester fabric | puncture-proof wheels
        features: a one-hand fold | a five-point harness | a UPF 50 canopy | all-wheel suspension
        features: a cabin-friendly folded size
        uses: daily walks in the park | city errands | travel with toddlers
        colours: ${EARTH}
      `),
      group(`
        nouns: Sleep Sack 25-59 | Muslin Swaddle Set 19-49 | Cot Sheet Set 19-49
        materials: organic cotton | bamboo viscose | cotton muslin
        features: OEKO-TEX certified fabric | a breathable weave | pre-washed softness | machine-washable fabric
        uses: newborn naps | bedtime routines | warm summer nights
      `),
      group(`
        nouns: Wooden Toy Set 19-79 | Stacking Rings 12-29 | Activity Cube 39-99 | Play Mat 39-149
        materials: FSC-certified beech wood | non-toxic water-based paint | organic cotton | food-grade silicone
        features: rounded edges | chunky pieces sized for small hands | bright, high-contrast colours
        features: an easy-clean finish
        uses: nursery play | sensory play | first birthdays | toddler afternoons
      `),
      group(`
        nouns: Baby Monitor 49-299 | Video Baby Monitor 89-299
        materials: recycled plastics | a matte soft-touch finish
        features: an encrypted video feed | night vision | two-way talk | room temperature alerts
        features: a long-range parent unit
        uses: newborn naps | peace of mind at night | nursery setups
      `),
    ],
  },
  {
    name: "Pet Supplies",
    slug: "pet-supplies",
    description: "Beds, leads, bowls and scratching posts that keep dogs and cats comfortable and busy.",
    weight: 3,
    adjectives: list("Everyday | Adventure | Urban | Classic | Comfort | Trail"),
    groups: [
      group(`
        nouns: Dog Bed 39-189 | Cat Bed 25-89 | Orthopedic Dog Bed 69-229
        materials: orthopedic memory foam | recycled polyester fill | faux sheepskin | water-resistant canvas
        features: a removable washable cover | a non-slip base | raised bolsters for head support
        features: a chew-resistant zip
        uses: senior dogs | indoor cats | large breeds | crate training
        colours: ${EARTH}
      `),
      group(`
        nouns: Dog Harness 19-69 | Dog Leash 12-45 | Dog Collar 12-39
        materials: padded nylon webbing | full-grain leather | recycled polyester | aluminium hardware
        features: reflective stitching | a quick-release buckle | a padded handle | two lead attachment points
        features: adjustable straps
        uses: long walks | puppies in training | city walks | hiking with dogs
        colours: ${EARTH}
      `),
      group(`
        nouns: Cat Tree 49-249 | Cat Scratching Post 19-79
        materials: sisal rope | plush carpet | engineered wood
        features: a weighted base | replaceable sisal posts | a hideaway cubby | a hanging toy
        uses: indoor cats | multi-cat homes | small apartments
      `),
      group(`
        nouns: Slow Feeder Bowl 12-35 | Pet Water Fountain 29-89 | Elevated Feeder 25-69
        materials: stainless steel | ceramic | BPA-free plastic | bamboo
        features: dishwasher-safe parts | a non-slip base | an easy-clean design | a spill-resistant rim
        uses: fast eaters | cats who need to drink more | large breeds
      `),
    ],
  },
  {
    name: "Garden",
    slug: "garden",
    description: "Tools, planters and watering kit for balconies, borders and vegetable patches.",
    weight: 3,
    adjectives: list("Potting Shed | Allotment | Meadow | Hedgerow | Terrace | Greenhouse"),
    groups: [
      group(`
        nouns: Pruning Shears 15-69 | Trowel Set 12-45 | Hand Fork 9-29 | Hedge Shears 29-89
        materials: carbon steel | stainless steel | ash wood handles | FSC-certified oak handles
        features: a rust-resistant finish | an ergonomic grip | a hanging loop | a lifetime guarantee
        uses: spring planting | pruning roses | vegetable patches | balcony gardens
      `),
      group(`
        nouns: Raised Garden Bed 59-299 | Planter 19-149 | Window Box 19-59
        materials: galvanised steel | cedar wood | terracotta | recycled plastic
        features: drainage holes | UV-stabilised construction | tool-free assembly | a weatherproof finish
        uses: balcony gardens | small urban yards | growing herbs | vegetable patches
      `),
      group(`
        nouns: Watering Can 15-59 | Indoor Watering Can 12-35
        materials: galvanised steel | powder-coated steel | recycled plastic | brass
        features: a long spout for precise pouring | a removable rose | a balanced handle | a rust-proof finish
        uses: houseplants | seedlings | balcony gardens
        colours: Sage | Cream | Charcoal | Terracotta
      `),
      group(`
        nouns: Garden Hose 25-119 | Expandable Hose 19-59 | Hose Reel 39-129
        materials: reinforced PVC | natural rubber | brass fittings | powder-coated steel
        features: kink-resistant construction | a multi-pattern spray nozzle | UV-resistant material
        features: a wall-mount bracket
        uses: vegetable patches | summer lawns | washing the car
      `),
    ],
  },
  {
    name: "Lighting",
    slug: "lighting",
    description: "Lamps, pendants and string lights that make a room feel warm after dark.",
    weight: 3,
    adjectives: list("Halo | Arc | Globe | Dusk | Mid-Century | Beacon"),
    groups: [
      group(`
        nouns: Floor Lamp 59-399 | Table Lamp 29-249 | Reading Lamp 25-149 | Desk Lamp 25-179
        materials: hand-blown glass | brushed brass | linen shades | powder-coated steel | solid oak
        features: a dimmable warm-white LED | a touch switch | a CRI 95+ light source | an adjustable head
        features: a braided fabric cord
        uses: reading nooks | living rooms | home offices | bedside tables
        colours: Brass | Matte Black | White | Forest Green
      `),
      group(`
        nouns: Pendant Light 49-499 | Wall Sconce 39-229 | Ceiling Light 59-399
        materials: hand-blown glass | brushed brass | opal acrylic | powder-coated steel | rattan
        features: dimmer compatibility | an energy-efficient LED bulb included | a brushed brass canopy
        features: a straightforward installation kit
        uses: dining tables | kitchen islands | hallways | living rooms
      `),
      group(`
        nouns: String Lights 12-49 | LED Light Strip 15-79 | Rechargeable Lantern 19-79
        materials: copper wire | silicone | recycled plastics
        features: a timer function | warm-white and colour modes | a remote control | an outdoor-rated IP44 build
        uses: garden parties | evening ambience | balcony evenings | holiday decorating
      `),
    ],
  },
  {
    name: "Bags & Luggage",
    slug: "bags-luggage",
    description: "Suitcases, backpacks and weekenders that pack smart and travel well.",
    weight: 4,
    adjectives: list("Voyager | Metro | Nomad | Transit | Jetsetter | Heritage"),
    groups: [
      group(`
        nouns: Carry-On Suitcase 129-449 | Checked Suitcase 159-549 | Expandable Carry-On 149-399
        materials: a polycarbonate shell | an aluminium frame | ballistic nylon
        features: 360° spinner wheels | a TSA-approved lock | a telescoping handle | a compression system
        features: an expandable zip
        uses: carry-on-only travel | long-haul holidays | business trips
        colours: Graphite | Sand | Navy | Forest | Silver
      `),
      group(`
        nouns: Travel Backpack 79-249 | Laptop Backpack 59-199 | Rolltop Backpack 69-179
        materials: recycled PET fabric | water-resistant Cordura | waxed canvas | full-grain leather trims
        features: a padded 16-inch laptop sleeve | a luggage pass-through strap | a lay-flat opening | YKK zips
        features: a hidden passport pocket
        uses: the daily commute | weekend getaways | digital nomads | carry-on-only travel
        colours: ${EARTH}
      `),
      group(`
        nouns: Weekender Bag 69-299 | Duffel Bag 49-179 | Tote Bag 25-129 | Messenger Bag 49-179
        materials: waxed canvas | full-grain leather | recycled nylon
        features: YKK zips | a detachable shoulder strap | an internal zip pocket | a luggage pass-through strap
        features: brass hardware
        uses: weekend getaways | gym sessions | the daily commute | farmers' market runs
        colours: ${EARTH}
      `),
      group(`
        nouns: Packing Cubes 19-49 | Toiletry Bag 19-59 | Tech Organiser 19-45
        materials: ripstop nylon | recycled polyester
        features: a compression zip | a water-resistant lining | mesh panels | a hanging hook
        uses: carry-on-only travel | business trips | family holidays
      `),
    ],
  },
  {
    name: "Watches",
    slug: "watches",
    description: "Automatic, field and smart watches, plus straps to make them your own.",
    weight: 2,
    adjectives: list("Meridian | Expedition | Regatta | Aviator | Navigator | Tide"),
    groups: [
      group(`
        nouns: Automatic Watch 199-899 | Dive Watch 149-799 | Field Watch 89-349 | Dress Watch 129-599
        nouns: Chronograph 179-699
        materials: 316L stainless steel | sapphire crystal | grade 2 titanium | Italian leather | a ceramic bezel
        features: 200 m water resistance | a Japanese automatic movement | luminous hands
        features: a quick-release strap | a screw-down crown | an exhibition caseback
        uses: everyday wear | formal occasions | ocean swims | weekend adventures
        models: 38 mm | 41 mm | II | GMT | Titanium
      `),
      group(`
        nouns: Smartwatch 149-499 | GPS Sports Watch 199-649 | Fitness Tracker 49-199
        materials: recycled aluminium | sapphire glass | grade 2 titanium | a silicone sport strap
        features: heart-rate and sleep tracking | a 7-day battery | built-in GPS | contactless payments
        features: an always-on AMOLED display | 50 m water resistance
        uses: marathon training | everyday wellness | triathlon season | ocean swims
        models: ${GEAR}
      `),
      group(`
        nouns: Watch Strap 19-79 | Leather Watch Strap 29-99 | NATO Strap 14-29
        materials: Italian leather | recycled nylon | FKM rubber | stainless steel mesh
        features: quick-release spring bars | 20 mm and 22 mm widths | a brushed steel buckle
        uses: everyday wear | dressing a watch up or down | summer swims
        colours: ${EARTH}
      `),
    ],
  },
  {
    name: "Books",
    slug: "books",
    description: "Cookbooks, field guides, picture books and photography worth keeping on the shelf.",
    weight: 4,
    adjectives: list("Illustrated | Essential | Complete | Pocket"),
    brands: list("Harbour Press | Fieldnote Books | Lantern House | Quill & Ink | Northbound Editions"),
    groups: [
      group(`
        nouns: Cookbook 18-45 | Baking Book 18-39 | Gardening Handbook 16-38
        adjectives: Mediterranean | Nordic | Weeknight | Seasonal | Slow Living | Plant-Based
        materials: acid-free paper | a cloth-bound hardcover | a lay-flat binding | full-colour photography
        features: step-by-step photographs | a ribbon bookmark | seasonal chapters | an index you can actually use
        features: a foreword by a well-loved author
        uses: gifting | weekend projects | curious beginners | seasoned enthusiasts
      `),
      group(`
        nouns: Hiking Guidebook 15-32 | Field Guide 14-35 | Travel Guide 15-30
        adjectives: Alpine | Coastal | Wild | Highland | Island | National Park
        materials: water-resistant paper | a flexible cover | a lightweight paperback binding | colour photography
        features: hand-drawn maps | colour illustrations | a pocket-sized format | an index you can actually use
        features: practical tips from local experts
        uses: weekend explorers | trip planning | gifting | the glovebox
      `),
      group(`
        nouns: Photography Book 29-75 | Design Monograph 35-89 | Art Book 29-79
        adjectives: Modernist | Coastal | Nordic | Urban | Architectural
        materials: a cloth-bound hardcover | heavyweight art paper | a printed slipcase
        features: over 200 full-page photographs | an essay by a leading critic | a large-format layout
        features: a ribbon bookmark
        uses: the coffee table | gifting | design lovers
      `),
      group(`
        nouns: Picture Book 9-22 | Board Book 6-14 | Activity Book 7-16
        adjectives: Bedtime | Woodland | Little Explorer | Under the Sea | Counting
        materials: thick board pages | wipe-clean covers | soy-based inks
        features: bright, hand-painted illustrations | rhyming text for reading aloud | sturdy pages for little hands
        uses: bedtime reading | early readers | toddler afternoons
      `),
    ],
  },
  {
    name: "Stationery",
    slug: "stationery",
    description: "Notebooks, pens and planners for people who still like to write things down.",
    weight: 3,
    adjectives: list("Atelier | Scribe | Margin | Daily | Archive | Field Notes"),
    groups: [
      group(`
        nouns: Dotted Notebook 9-32 | Weekly Planner 15-45 | Sketchbook 9-35 | Lined Journal 12-35
        materials: 100 gsm acid-free paper | recycled cotton paper | vegan leather covers | linen-bound covers
        features: a lay-flat binding | fountain-pen-friendly paper that resists bleed-through | numbered pages
        features: an elastic closure | a ribbon bookmark | a back pocket
        uses: bullet journaling | daily planning | sketching on the go | meeting notes
        colours: Sage | Navy | Terracotta | Black | Oat
      `),
      group(`
        nouns: Fountain Pen 19-249 | Rollerball Pen 15-99 | Mechanical Pencil 6-39 | Gel Pen Set 6-24
        materials: solid brass | aluminium barrels | lacquered wood | recycled resin
        features: a balanced, weighted barrel | a refillable design | a pocket clip | a gift box
        uses: handwritten letters | daily journaling | signing contracts | sketching
        colours: Black | Brass | Forest Green | Burgundy
      `),
      group(`
        nouns: Desk Pad 19-49 | Letter Tray 19-49 | Pen Cup 9-25
        materials: vegan leather | wool felt | powder-coated steel | walnut
        features: a non-slip base | a water-resistant surface | a minimalist design | a stackable design
        uses: tidy desks | home offices | gifting
      `),
    ],
  },
  {
    name: "Smart Home",
    slug: "smart-home",
    description: "Cameras, locks, thermostats and bulbs that make the house run itself.",
    weight: 3,
    adjectives: list("Connected | Sentry | Aware | Ambient | Guardian | Home"),
    groups: [
      group(`
        nouns: Video Doorbell 79-249 | Indoor Security Camera 29-149 | Outdoor Security Camera 59-249
        materials: a weatherproof polycarbonate housing | tempered glass | a brushed zinc alloy faceplate
        features: end-to-end encrypted video | 2K HDR video | colour night vision | two-way audio
        features: local storage with no subscription required
        uses: renters | keeping an eye on pets | parcel deliveries | holiday homes
        models: ${GEAR}
      `),
      group(`
        nouns: Smart Thermostat 99-279 | Smart Plug 12-39 | Smart Radiator Valve 39-79
        materials: fire-retardant polycarbonate | brushed aluminium | tempered glass
        features: Matter and Thread support | energy monitoring | schedules that learn your routine
        features: voice control with Alexa and Google Assistant | local automations that work offline
        uses: saving energy in winter | whole-home automation | renters
      `),
      group(`
        nouns: Smart Lock 129-329 | Smart Deadbolt 149-299
        materials: brushed zinc alloy | stainless steel | a matte ABS housing
        features: auto-lock | fingerprint unlock | a mechanical key backup | Matter and Thread support
        features: a 12-month battery life
        uses: renters | busy families | holiday lets
      `),
      group(`
        nouns: Smart Bulb Starter Kit 29-129 | Smart Light Strip 29-89 | Smart Bulb 12-29
        materials: frosted glass | silicone | recycled aluminium
        features: 16 million colours | tunable white light | Matter and Thread support | sunrise alarms
        features: voice control with Alexa and Google Assistant
        uses: bedrooms | movie nights | whole-home automation
      `),
      group(`
        nouns: Robot Vacuum 199-799 | Robot Mop 249-699
        materials: a tempered glass top | recycled plastics
        features: lidar navigation | a self-emptying base | no-go zones in the app | carpet detection
        features: 150 minutes of runtime
        uses: pet hair | busy households | hard floors
        models: ${GEAR}
      `),
    ],
  },
  {
    name: "Tools",
    slug: "tools",
    description: "Hand and power tools for flat-pack nights, weekend projects and real renovations.",
    weight: 4,
    adjectives: list("Heavy-Duty | Workshop | Contractor | Precision | Compact | Jobsite"),
    groups: [
      group(`
        nouns: Cordless Drill 69-299 | Impact Driver 79-279 | Circular Saw 89-349 | Orbital Sander 49-179
        materials: a brushless motor | an impact-resistant polymer housing | a rubber overmould
        materials: a magnesium gearcase
        features: an 18 V lithium-ion battery | an LED work light | a fast charger | a three-year warranty
        features: a carry case | a variable-speed trigger
        uses: weekend DIY projects | professional job sites | kitchen renovations | decking projects
        models: ${GEAR}
      `),
      group(`
        nouns: Screwdriver Set 15-69 | Socket Set 29-199 | Claw Hammer 15-49 | Hex Key Set 9-35 | Pliers Set 19-69
        materials: chrome vanadium steel | hardened S2 steel | soft-grip handles | a blow-moulded case
        features: a lifetime warranty | magnetic tips | a fitted storage case | precision-machined ends
        uses: flat-pack assembly | home repairs | bike maintenance | the workshop wall
      `),
      group(`
        nouns: Tape Measure 9-35 | Laser Level 39-249 | Laser Distance Measurer 29-149 | Spirit Level 12-49
        materials: impact-resistant ABS | aluminium | rubberised overmoulding
        features: a belt clip | a shock-absorbing case | accuracy to ±1 mm | a magnetic base
        uses: hanging shelves | tiling | kitchen fitting | home repairs
      `),
      group(`
        nouns: Tool Bag 29-99 | Tool Box 25-129 | Tool Roll 19-49
        materials: ballistic nylon | waxed canvas | polypropylene | steel latches
        features: a reinforced base | organising pockets | a padded shoulder strap | a removable tray
        uses: professional job sites | the garage | the van
      `),
    ],
  },
  {
    name: "Bedding",
    slug: "bedding",
    description: "Sheets, duvets and pillows in natural fibres for deeper, cooler sleep.",
    weight: 3,
    adjectives: list("Cloud | Hotel | Restful | Farmhouse | Heirloom | Coastal"),
    groups: [
      group(`
        nouns: Duvet Cover Set 59-249 | Fitted Sheet 29-99 | Flat Sheet 25-89 | Pillowcase Pair 19-59
        nouns: Linen Sheet Set 129-399
        materials: stonewashed linen | 400-thread-count sateen cotton | organic cotton percale | Tencel lyocell
        features: OEKO-TEX certified fabric | a breathable, temperature-regulating weave | pre-washed softness
        features: a soft, matte finish | generous sizing
        uses: hot sleepers | guest rooms | lazy Sunday mornings | year-round comfort
        colours: White | Oat | Sage | Clay | Slate | Blush
      `),
      group(`
        nouns: Down Duvet 129-499 | Wool Duvet 129-399 | Pillow 25-119 | Mattress Topper 69-349
        materials: responsibly sourced down | British wool | hypoallergenic microfibre | a cotton cambric cover
        features: a hypoallergenic fill | a breathable cotton cover | machine-washable construction
        features: a 10-year guarantee | a choice of firmness
        uses: hot sleepers | cosy winter nights | guest rooms | side sleepers
      `),
      group(`
        nouns: Throw Blanket 39-149 | Weighted Blanket 79-229 | Bedspread 89-249
        materials: merino wool | chunky knit cotton | Tencel lyocell | waffle-weave cotton
        features: a soft, breathable weave | fringed edges | machine-washable construction | a generous size
        uses: movie nights | cosy winter nights | the end of the bed | reading in bed
        colours: ${EARTH}
      `),
    ],
  },
  {
    name: "Outerwear",
    slug: "outerwear",
    description: "Rain shells, down jackets and base layers for weather that will not make up its mind.",
    weight: 4,
    adjectives: list("Stormline | Highland | Fjord | Coastline | Tundra | Packable"),
    groups: [
      group(`
        nouns: Rain Jacket 79-299 | Softshell Jacket 89-249 | Wind Shell 59-179 | Waterproof Trousers 69-199
        materials: a 3-layer waterproof membrane | recycled nylon ripstop | stretch-woven softshell
        features: fully taped seams | pit zips for ventilation | a helmet-compatible hood
        features: a PFAS-free water-repellent finish | a packable design | an articulated cut
        uses: rainy city commutes | ski touring | cold-weather hikes | windy coastal walks
        colours: ${EARTH}
      `),
      group(`
        nouns: Down Jacket 129-449 | Parka 149-499 | Insulated Vest 69-199 | Fleece Jacket 49-149
        materials: 700-fill responsibly sourced down | recycled synthetic insulation | recycled fleece
        materials: organic cotton canvas
        features: a packable design | zippered hand pockets | a baffled construction | a two-way front zip
        features: a fleece-lined collar
        uses: cold-weather hikes | winter city walks | everyday layering | ski trips
        colours: ${EARTH}
      `),
      group(`
        nouns: Merino Base Layer 49-119 | Merino T-Shirt 39-89
        materials: merino wool | a merino and Tencel blend
        features: flatlock seams | natural odour resistance | temperature regulation | next-to-skin softness
        uses: everyday layering | multi-day hikes | travel
        colours: ${EARTH}
      `),
      group(`
        nouns: Beanie 19-45 | Waterproof Gloves 29-89 | Neck Gaiter 15-35
        materials: merino wool | recycled fleece | a waterproof insert
        features: a soft fleece lining | a snug fit | a packable design
        uses: cold-weather hikes | ski trips | winter commutes
        colours: ${EARTH}
      `),
    ],
  },
  {
    name: "Home Decor",
    slug: "home-decor",
    description: "Vases, rugs, candles and prints that make a house feel like yours.",
    weight: 3,
    adjectives: list("Wabi | Botanical | Sandstone | Heirloom | Coastal | Atelier"),
    groups: [
      group(`
        nouns: Ceramic Vase 19-129 | Planter Pot 19-79 | Bud Vase Set 19-49
        materials: hand-thrown stoneware | recycled glass | terracotta
        features: a matte reactive glaze | a watertight interior | a hand-finished base
        features: a one-of-a-kind glaze pattern
        uses: living rooms | entryways | housewarming gifts | dried flower arrangements
      `),
      group(`
        nouns: Wall Art Print 25-189 | Wall Mirror 59-349 | Picture Frame 12-59
        materials: solid walnut | oak frames | recycled aluminium | museum glass
        features: a ready-to-hang kit | a slim profile | a handmade frame | a gift-ready box
        uses: living rooms | hallways | gallery walls | rental-friendly makeovers
      `),
      group(`
        nouns: Throw Pillow 19-69 | Area Rug 79-599 | Woven Basket 19-79
        materials: New Zealand wool | jute | organic cotton | seagrass
        features: a hand-woven finish | natural, undyed fibres | a durable weave | fair-trade production
        uses: living rooms | reading corners | rental-friendly makeovers
      `),
      group(`
        nouns: Scented Candle 14-49 | Reed Diffuser 18-49 | Candle Gift Set 29-69
        materials: soy wax | essential oils | recycled glass
        features: notes of cedar and bergamot | a reusable glass vessel | a clean, even fragrance
        features: phthalate-free fragrance oils
        uses: cosy evenings | housewarming gifts | bathrooms | entryways
      `),
    ],
  },
];
