/**
 * Demo content for the seed: a fictional international-affairs daily with its sections, tags,
 * authors and about six weeks of articles. Every person, quote and event here is invented.
 *
 * Run directly by Node's type stripping, so only erasable TypeScript is used.
 */
import type { ArticleInput } from '../src/schemas/article.ts'
import type { AuthorInput } from '../src/schemas/author.ts'
import type { SectionInput, TagInput } from '../src/schemas/taxonomy.ts'
import type { PublicationInput } from '../src/schemas/publication.ts'

/** An article of the demo, published `hours_ago` hours before the seed runs (negative: in the future). */
export type DemoArticle = Omit<ArticleInput, 'published_at'> & { hours_ago: number }

type Block = ArticleInput['body'][number]
type Image = NonNullable<ArticleInput['image']>
type Inline = { text: string; marks?: ('em' | 'strong')[]; href?: string }

const SITE = 'https://www.example-daily.eu'

// ---- small builders, to keep the articles readable -------------------------------------------

/** A paragraph; plain strings become unmarked runs of text. */
const p = (...parts: (string | Inline)[]): Block => ({
  type: 'paragraph',
  content: parts.map((part) => (typeof part === 'string' ? { text: part } : part)),
})
const em = (text: string): Inline => ({ text, marks: ['em'] })
const strong = (text: string): Inline => ({ text, marks: ['strong'] })
const link = (text: string, href: string): Inline => ({ text, href })
const h2 = (text: string): Block => ({ type: 'heading', level: 2, text })
const h3 = (text: string): Block => ({ type: 'heading', level: 3, text })
const quote = (text: string, attribution: string | null): Block => ({ type: 'quote', text, attribution })
const bullets = (...items: (string | Inline[])[]): Block => ({
  type: 'list',
  style: 'bulleted',
  items: items.map((item) => (typeof item === 'string' ? [{ text: item }] : item)),
})
const numbered = (...items: string[]): Block => ({
  type: 'list',
  style: 'numbered',
  items: items.map((text) => [{ text }]),
})

/** A photo from the paper's picture desk (or an agency, depending on the credit). */
const photo = (
  file: string,
  alt: string,
  caption: string | null,
  credit: string | null,
  syndication_allowed: boolean,
  [width, height]: [number, number] = [1600, 900],
): Image => ({ url: `${SITE}/static/photos/${file}.jpg`, width, height, alt, caption, credit, syndication_allowed })

const figure = (image: Image): Block => ({ type: 'image', ...image })

// Staff photographers: their pictures may be syndicated. Agency pictures may not.
const STAFF_BERG = 'Tomás Berg/The European Daily'
const STAFF_JANSEN = 'Ilse Jansen/The European Daily'
const POOL_NOVAK = 'Nordpress/Jana Novak/Pool via EuroWire'

// ---- publication ------------------------------------------------------------------------------

export const publication: PublicationInput = {
  name: 'The European Daily',
  url: SITE,
  language: 'en',
  // Published from Brussels for readers of English, French, Dutch and German.
  languages: ['en', 'fr', 'nl', 'de'],
  logo_url: `${SITE}/static/logo.png`,
  description: 'Independent daily news and analysis on European and international affairs.',
  about: [
    'The European Daily is an independent daily online newspaper covering European and international affairs. Every day we report on the decisions taken in Brussels, Strasbourg and the capitals of the continent, and on how the rest of the world shapes — and is shaped by — Europe.',
    'Our correspondents live where the news happens: in Warsaw, Belgrade, Lisbon, Geneva, Frankfurt and Brussels, with a network of contributors from Tbilisi to Reykjavík. Several of them worked in diplomacy, economics or the law before they became reporters, and they write for readers who want to understand a negotiation, not just hear its result.',
    'We are owned by a reader foundation and take no money from governments or political parties. Our editorial charter, our corrections and the names of our funders are published on this site.',
  ].join('\n\n'),
  links: [
    { label: 'Mastodon', url: 'https://mastodon.social/@europeandaily' },
    { label: 'Bluesky', url: 'https://bsky.app/profile/example-daily.eu' },
    { label: 'LinkedIn', url: 'https://www.linkedin.com/company/the-european-daily' },
    { label: 'Newsletter', url: `${SITE}/newsletter` },
  ],
}

// ---- sections and tags ------------------------------------------------------------------------

export const sections: SectionInput[] = [
  {
    slug: 'europe',
    name: 'Europe',
    description: 'News from the capitals of Europe and from the EU institutions.',
    position: 1,
    translations: {
      fr: { name: 'Europe', description: 'L’actualité des capitales européennes et des institutions de l’UE.' },
      nl: { name: 'Europa', description: 'Nieuws uit de Europese hoofdsteden en van de EU-instellingen.' },
      de: { name: 'Europa', description: 'Nachrichten aus den Hauptstädten Europas und aus den EU-Institutionen.' },
    },
  },
  {
    slug: 'world',
    name: 'World',
    description: "International affairs beyond Europe's borders, and Europe's place in them.",
    position: 2,
    translations: {
      fr: {
        name: 'Monde',
        description: 'Les affaires internationales au-delà des frontières de l’Europe, et la place de l’Europe dans le monde.',
      },
      nl: { name: 'Wereld', description: 'Internationale politiek buiten de Europese grenzen, en de plaats van Europa in de wereld.' },
      de: { name: 'Welt', description: 'Internationale Politik jenseits der Grenzen Europas – und Europas Platz in der Welt.' },
    },
  },
  {
    slug: 'politics',
    name: 'Politics',
    description: 'Elections, parliaments, governments and the people who run them.',
    position: 3,
    translations: {
      fr: { name: 'Politique', description: 'Élections, parlements, gouvernements et celles et ceux qui les dirigent.' },
      nl: { name: 'Politiek', description: 'Verkiezingen, parlementen, regeringen en de mensen die ze leiden.' },
      de: { name: 'Politik', description: 'Wahlen, Parlamente, Regierungen und die Menschen, die sie führen.' },
    },
  },
  {
    slug: 'business',
    name: 'Business & Economy',
    description: 'Markets, trade, energy and the central banks.',
    position: 4,
    translations: {
      fr: { name: 'Économie', description: 'Marchés, commerce, énergie et banques centrales.' },
      nl: { name: 'Economie', description: 'Markten, handel, energie en de centrale banken.' },
      de: { name: 'Wirtschaft', description: 'Märkte, Handel, Energie und die Zentralbanken.' },
    },
  },
  {
    slug: 'opinion',
    name: 'Opinion',
    description: 'Commentary and analysis from our editors and guest writers.',
    position: 5,
    translations: {
      fr: { name: 'Opinions', description: 'Commentaires et analyses de notre rédaction et de nos invités.' },
      nl: { name: 'Opinie', description: 'Commentaar en analyse van onze redactie en gastschrijvers.' },
      de: { name: 'Meinung', description: 'Kommentare und Analysen unserer Redaktion und unserer Gastautoren.' },
    },
  },
  {
    slug: 'culture',
    name: 'Culture',
    description: 'Film, books, art and ideas from across the continent.',
    position: 6,
    translations: {
      fr: { name: 'Culture', description: 'Cinéma, livres, arts et idées de tout le continent.' },
      nl: { name: 'Cultuur', description: 'Film, boeken, kunst en ideeën uit heel Europa.' },
      de: { name: 'Kultur', description: 'Film, Bücher, Kunst und Ideen aus ganz Europa.' },
    },
  },
]

export const tags: TagInput[] = [
  {
    slug: 'diplomacy',
    name: 'Diplomacy',
    translations: { fr: { name: 'Diplomatie' }, nl: { name: 'Diplomatie' }, de: { name: 'Diplomatie' } },
  },
  {
    slug: 'sanctions',
    name: 'Sanctions',
    translations: { fr: { name: 'Sanctions' }, nl: { name: 'Sancties' }, de: { name: 'Sanktionen' } },
  },
  { slug: 'energy', name: 'Energy', translations: { fr: { name: 'Énergie' }, nl: { name: 'Energie' }, de: { name: 'Energie' } } },
  {
    slug: 'eu-council',
    name: 'EU Council',
    translations: { fr: { name: 'Conseil de l’UE' }, nl: { name: 'Raad van de EU' }, de: { name: 'Rat der EU' } },
  },
  {
    slug: 'european-commission',
    name: 'European Commission',
    translations: { fr: { name: 'Commission européenne' }, nl: { name: 'Europese Commissie' }, de: { name: 'Europäische Kommission' } },
  },
  {
    slug: 'european-parliament',
    name: 'European Parliament',
    translations: { fr: { name: 'Parlement européen' }, nl: { name: 'Europees Parlement' }, de: { name: 'Europäisches Parlament' } },
  },
  {
    slug: 'elections',
    name: 'Elections',
    translations: { fr: { name: 'Élections' }, nl: { name: 'Verkiezingen' }, de: { name: 'Wahlen' } },
  },
  { slug: 'ukraine', name: 'Ukraine', translations: { fr: { name: 'Ukraine' }, nl: { name: 'Oekraïne' }, de: { name: 'Ukraine' } } },
  { slug: 'russia', name: 'Russia', translations: { fr: { name: 'Russie' }, nl: { name: 'Rusland' }, de: { name: 'Russland' } } },
  { slug: 'nato', name: 'NATO', translations: { fr: { name: 'OTAN' }, nl: { name: 'NAVO' }, de: { name: 'NATO' } } },
  { slug: 'defence', name: 'Defence', translations: { fr: { name: 'Défense' }, nl: { name: 'Defensie' }, de: { name: 'Verteidigung' } } },
  { slug: 'climate', name: 'Climate', translations: { fr: { name: 'Climat' }, nl: { name: 'Klimaat' }, de: { name: 'Klima' } } },
  { slug: 'trade', name: 'Trade', translations: { fr: { name: 'Commerce' }, nl: { name: 'Handel' }, de: { name: 'Handel' } } },
  {
    slug: 'migration',
    name: 'Migration',
    translations: { fr: { name: 'Migrations' }, nl: { name: 'Migratie' }, de: { name: 'Migration' } },
  },
  { slug: 'balkans', name: 'Balkans', translations: { fr: { name: 'Balkans' }, nl: { name: 'Balkan' }, de: { name: 'Westbalkan' } } },
  {
    slug: 'enlargement',
    name: 'EU enlargement',
    translations: { fr: { name: 'Élargissement de l’UE' }, nl: { name: 'Uitbreiding van de EU' }, de: { name: 'EU-Erweiterung' } },
  },
  {
    slug: 'rule-of-law',
    name: 'Rule of law',
    translations: { fr: { name: 'État de droit' }, nl: { name: 'Rechtsstaat' }, de: { name: 'Rechtsstaatlichkeit' } },
  },
  {
    slug: 'human-rights',
    name: 'Human rights',
    translations: { fr: { name: 'Droits humains' }, nl: { name: 'Mensenrechten' }, de: { name: 'Menschenrechte' } },
  },
  {
    slug: 'central-banks',
    name: 'Central banks',
    translations: { fr: { name: 'Banques centrales' }, nl: { name: 'Centrale banken' }, de: { name: 'Zentralbanken' } },
  },
  { slug: 'china', name: 'China', translations: { fr: { name: 'Chine' }, nl: { name: 'China' }, de: { name: 'China' } } },
  {
    slug: 'middle-east',
    name: 'Middle East',
    translations: { fr: { name: 'Moyen-Orient' }, nl: { name: 'Midden-Oosten' }, de: { name: 'Naher Osten' } },
  },
  {
    slug: 'agriculture',
    name: 'Agriculture',
    translations: { fr: { name: 'Agriculture' }, nl: { name: 'Landbouw' }, de: { name: 'Landwirtschaft' } },
  },
  { slug: 'film', name: 'Film', translations: { fr: { name: 'Cinéma' }, nl: { name: 'Film' }, de: { name: 'Film' } } },
  {
    slug: 'arts',
    name: 'Books & arts',
    translations: { fr: { name: 'Livres et arts' }, nl: { name: 'Boeken en kunst' }, de: { name: 'Bücher und Kunst' } },
  },
  {
    slug: 'media',
    name: 'Media & press freedom',
    translations: {
      fr: { name: 'Médias et liberté de la presse' },
      nl: { name: 'Media en persvrijheid' },
      de: { name: 'Medien und Pressefreiheit' },
    },
  },
]

// ---- authors ----------------------------------------------------------------------------------

const authorPhoto = (slug: string, name: string) => ({
  url: `${SITE}/static/authors/${slug}.jpg`,
  alt: `Portrait of ${name}`,
})

export const authors: AuthorInput[] = [
  {
    slug: 'elena-varga',
    name: 'Elena Varga',
    job_title: 'Diplomatic editor',
    bio: [
      "Elena Varga is The European Daily's diplomatic editor. Before she became a journalist she spent fourteen years in the Hungarian foreign service, with postings in Moscow and Vienna and four years at her country's permanent representation to the EU in Brussels, where she sat on the Council working party for Eastern Europe and Central Asia.",
      'She left diplomacy in 2019 to write about it, and joined the paper a year later. She covers EU foreign policy, sanctions and the long negotiations that rarely make the front page until they succeed — or fail. She speaks Hungarian, Russian, German, French and English.',
    ].join('\n\n'),
    photo: authorPhoto('elena-varga', 'Elena Varga'),
    links: [
      { label: 'Mastodon', url: 'https://mastodon.social/@elenavarga' },
      { label: 'Bluesky', url: 'https://bsky.app/profile/elenavarga.example-daily.eu' },
    ],
  },
  {
    slug: 'lukasz-wrobel',
    name: 'Łukasz Wróbel',
    job_title: 'Central Europe correspondent',
    bio: [
      'Łukasz Wróbel reports on Poland, the Baltic states and Ukraine from Warsaw. He previously worked for a regional radio station in Gdańsk and spent two years covering the war in eastern Ukraine for a Polish weekly.',
      'He writes mostly about defence, energy security and the politics of the EU’s eastern border.',
    ].join('\n\n'),
    photo: authorPhoto('lukasz-wrobel', 'Łukasz Wróbel'),
    links: [{ label: 'Mastodon', url: 'https://mastodon.social/@lwrobel' }],
  },
  {
    slug: 'ana-cosic',
    name: 'Ana Ćosić',
    job_title: 'Balkans correspondent',
    bio: 'Ana Ćosić covers the Western Balkans from Belgrade and Sarajevo: enlargement, the rule of law, and the region’s film and literary scene. Before joining The European Daily she was an investigative reporter at an independent news site in Novi Sad.',
    photo: authorPhoto('ana-cosic', 'Ana Ćosić'),
    links: [
      { label: 'Mastodon', url: 'https://mastodon.social/@anacosic' },
      { label: 'Website', url: 'https://anacosic.example.org' },
    ],
  },
  {
    slug: 'matthieu-roux',
    name: 'Matthieu Roux',
    job_title: 'Brussels bureau chief',
    bio: [
      'Matthieu Roux runs the paper’s Brussels bureau, covering the European Commission, the Council and the European Parliament. He has followed nine EU presidencies and more late-night summits than he cares to count.',
      'He previously reported on French politics from Paris and on trade from Geneva.',
    ].join('\n\n'),
    photo: authorPhoto('matthieu-roux', 'Matthieu Roux'),
    links: [{ label: 'Mastodon', url: 'https://mastodon.social/@mroux' }],
  },
  {
    slug: 'sofia-lindqvist',
    name: 'Sofia Lindqvist',
    job_title: 'Economics editor',
    bio: 'Sofia Lindqvist is the economics editor, based in Frankfurt. She writes about the European Central Bank, energy markets, trade policy and the economics of sanctions. She trained as an economist in Stockholm and worked at a Nordic bank before moving into journalism.',
    photo: authorPhoto('sofia-lindqvist', 'Sofia Lindqvist'),
    links: [
      { label: 'Mastodon', url: 'https://mastodon.social/@sofialindqvist' },
      { label: 'LinkedIn', url: 'https://www.linkedin.com/in/sofia-lindqvist-example' },
    ],
  },
  {
    slug: 'david-okafor',
    name: 'David Okafor',
    job_title: 'Geneva correspondent',
    bio: [
      'David Okafor covers the United Nations, humanitarian diplomacy and global trade from Geneva. He grew up in Lagos and London and has reported from more than thirty countries.',
      'He is particularly interested in how small states use international institutions, and in the people who keep those institutions running.',
    ].join('\n\n'),
    photo: authorPhoto('david-okafor', 'David Okafor'),
    links: [{ label: 'Bluesky', url: 'https://bsky.app/profile/davidokafor.example-daily.eu' }],
  },
  {
    slug: 'marta-ferreira',
    name: 'Marta Ferreira',
    job_title: 'Southern Europe & culture correspondent',
    bio: 'Marta Ferreira writes about Spain, Portugal, Italy and Greece, and about culture across the continent, from Lisbon. She joined The European Daily from a Portuguese public broadcaster.',
    photo: null,
    links: [],
  },
]

// ---- articles ---------------------------------------------------------------------------------

export const articles: DemoArticle[] = [
  // The key story: the one the demo is built around.
  {
    slug: 'eu-and-russian-envoys-resume-talks-in-geneva',
    headline: 'EU and Russian envoys resume talks in Geneva after 18-month freeze',
    standfirst:
      'Senior diplomats met for six hours at a lakeside villa, the first direct contact at this level since the last round collapsed. Neither side promised a breakthrough — but both agreed to meet again.',
    dateline: 'Geneva',
    section: 'europe',
    tags: ['diplomacy', 'russia', 'sanctions', 'ukraine'],
    authors: ['elena-varga', 'david-okafor'],
    image: photo(
      'geneva-talks-villa',
      'Two delegations seated facing each other at a long table in a wood-panelled room overlooking Lake Geneva',
      'The EU and Russian delegations at the start of Tuesday’s session at the Villa Rosenthal, on the shore of Lake Geneva.',
      POOL_NOVAK,
      false,
    ),
    body: [
      p(
        'Senior envoys from the European Union and Russia sat down at the same table in ',
        strong('Geneva'),
        ' on Tuesday for the first time in eighteen months, opening what both sides carefully described as “exploratory” talks on prisoner exchanges, nuclear safety and — more quietly — the future of the ',
        em('sanctions'),
        ' regime. Two diplomats briefed on the agenda, who asked not to be named because the talks are confidential, said the envoys worked through four items, set out below.',
      ),
      p(
        "The EU delegation was led by Karin Holmberg, the bloc's special envoy for Eastern Europe, a Swedish diplomat who negotiated the 2022 grain corridor arrangements. Across the table sat Arkady Vetrov, a deputy foreign minister with a reputation in Brussels as a hard but predictable negotiator. Switzerland hosted the meeting at the Villa Rosenthal, a discreet property owned by the canton, rather than at the UN's Palais des Nations, where the cameras wait. The session was scheduled for three hours and lasted six. Diplomats on both sides said there had been no shouting, which in the current climate counts as ",
        em('progress'),
        '.',
      ),
      quote(
        "Today's meeting was a first step, not a turning point. The European Union's position on Ukraine's sovereignty and territorial integrity is unchanged, and so is our sanctions policy. We came to Geneva to listen, and to test whether there is anything to build on.",
        'Inès Duval, spokesperson for the European External Action Service',
      ),
      h2('What is on the table?'),
      bullets(
        'A phased exchange of detained civilians and prisoners of war, overseen by the International Committee of the Red Cross.',
        'Safety arrangements around the Zaporizhzhia nuclear power plant, building on the inspections of the International Atomic Energy Agency.',
        'Guarantees for commercial shipping in the Black Sea, including insurance & inspection rules.',
        [
          { text: 'Russian demands for the release of frozen central-bank assets — which Brussels says are ' },
          { text: 'not', marks: ['strong'] },
          { text: ' up for discussion.' },
        ],
      ),
      figure(
        photo(
          'geneva-talks-arrival',
          'Karin Holmberg walks past Swiss police officers towards the entrance of a stone villa',
          'Karin Holmberg, the EU’s special envoy, arrives at the Villa Rosenthal on Tuesday morning.',
          POOL_NOVAK,
          false,
        ),
      ),
      h2('Why now?'),
      p(
        'The timing owes much to the prisoner exchange brokered by Swiss and Turkish officials ten days ago, ',
        link('which we reported at the time', `${SITE}/articles/prisoner-exchange-brokered-in-geneva`),
        '. That deal, several diplomats said, showed that a narrow channel could work even while the wider relationship remains frozen. The Swiss foreign ministry, which has spent a year trying to revive its role as a ',
        em('facilitateur'),
        ', offered the venue within days.',
      ),
      p(
        'Not every capital is comfortable. Poland and the Baltic states asked for — and got — a written assurance that nothing agreed in Geneva would touch the sanctions packages without a unanimous decision by the Council. "We are not against talking. We are against talking ourselves into concessions," said Tomasz Zieliński, a senior Polish diplomat, on the sidelines of a meeting in Brussels. In Kyiv, officials welcomed the humanitarian track but were blunt about the rest. Ukraine was not at the table in Geneva, and its foreign ministry said it would accept no arrangement about Ukrainian territory, or Ukrainian assets, negotiated in its absence.',
      ),
      p(
        'The envoys agreed to meet again in January, again in Geneva. Neither side published a joint statement — a small detail that, for those who have followed these talks for years, said almost as much as the six hours themselves.',
      ),
    ],
    status: 'published',
    hours_ago: 2,
  },

  {
    slug: 'baltic-states-build-winter-power-reserve',
    headline: 'Baltic states build a winter power reserve as grid stands alone',
    standfirst:
      'A year after disconnecting from the Russian-controlled grid, Estonia, Latvia and Lithuania are stockpiling capacity for the first cold snap.',
    dateline: 'Vilnius',
    section: 'business',
    tags: ['energy', 'russia'],
    authors: ['sofia-lindqvist'],
    image: photo(
      'baltic-grid-substation',
      'A high-voltage substation under snow with transmission towers in the background',
      'A substation near Vilnius that links Lithuania to the Polish grid.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'Grid operators in the three Baltic states have signed contracts for 900 megawatts of reserve capacity for the coming winter, the largest such purchase since the region synchronised with the continental European network and left the old Soviet-era ring.',
      ),
      p(
        'The reserve, made up of gas-fired plants, large batteries and a demand-response scheme with industrial users, is meant to cover the loss of the biggest single unit on the system for up to 48 hours. "We planned for the worst day, not the average one," said Rūta Kazlauskienė, who heads system planning at Lithuania’s transmission operator.',
      ),
      p(
        'The cost — around €210m, shared by the three countries and partly covered by EU funds — will show up on household bills, though regulators expect the increase to be small. Analysts say the bigger risk is not a shortfall of power but sabotage of the undersea cables that link the Baltics to Finland and Sweden, two of which were damaged last winter.',
      ),
      h2('Cables under watch'),
      p(
        'NATO ships now patrol the main cable routes in the Baltic Sea, and the operators have built spare capacity into the land link with Poland. It is not a perfect answer, one official admitted, but it is a far better position than the region was in three years ago.',
      ),
    ],
    status: 'published',
    hours_ago: 5,
  },

  {
    slug: 'serbia-and-kosovo-reopen-two-border-crossings',
    headline: 'Serbia and Kosovo reopen two border crossings after EU-brokered deal',
    standfirst: 'The crossings at Jarinje and Merdare reopen to freight after a four-month closure that cost hauliers millions.',
    dateline: 'Belgrade',
    section: 'europe',
    tags: ['balkans', 'diplomacy', 'enlargement'],
    authors: ['ana-cosic'],
    image: photo(
      'jarinje-crossing',
      'Lorries queueing at a border checkpoint in a wooded valley',
      'Trucks wait at the Jarinje crossing on the first morning after the reopening.',
      'Balkan Photo Agency/Miloš Petrović',
      false,
    ),
    body: [
      p(
        'Lorries began moving through the Jarinje and Merdare crossings between Serbia and Kosovo on Monday morning, four months after both were closed to freight in a dispute over customs stamps and vehicle plates.',
      ),
      p(
        'The reopening follows a deal reached in Brussels last week under the EU-facilitated dialogue between Belgrade and Pristina. Under the arrangement, documents issued by either side will be accepted at the border, and EU monitors will be present at both crossings for six months.',
      ),
      quote(
        'This is a practical agreement for people who drive trucks and sell apples. It is not a political settlement, and nobody should pretend it is.',
        'A European diplomat involved in the talks',
      ),
      p(
        'Business associations on both sides estimate that the closure cost hauliers and farmers more than €40m. In the Serbian town of Raška, a haulage firm owner, Dragan Jovanović, said he had laid off six drivers over the summer. "I hope they will come back. I hope the border stays open," he said.',
      ),
      p(
        'The deal does not resolve the broader questions that have blocked normalisation for more than a decade, including Serbia’s non-recognition of Kosovo and the future of the association of Serb-majority municipalities. Both governments nonetheless described it as a sign that the dialogue, stalled for most of the year, is alive.',
      ),
    ],
    status: 'published',
    hours_ago: 9,
  },

  {
    slug: 'polish-coalition-survives-budget-vote',
    headline: 'Polish coalition survives budget vote after late concession to farmers',
    standfirst:
      'The government won by eleven votes after agreeing to a fuel subsidy for agriculture, easing a month of tension within the coalition.',
    dateline: 'Warsaw',
    section: 'politics',
    tags: ['elections', 'agriculture'],
    authors: ['lukasz-wrobel'],
    image: photo(
      'sejm-budget-vote',
      'Members of the Polish parliament raising voting cards in a semi-circular chamber',
      'Members of the Sejm during the final budget vote on Friday night.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        "Poland's governing coalition passed next year's budget in the Sejm late on Friday by 236 votes to 225, after the prime minister agreed to a last-minute fuel subsidy for farmers that the junior agrarian partner had demanded for weeks.",
      ),
      p(
        'The concession will cost about 1.8bn złoty, according to the finance ministry, and keeps the deficit just under the target agreed with the European Commission under the EU’s excessive-deficit procedure.',
      ),
      p(
        'Opposition MPs accused the government of "buying peace with taxpayers’ money" and promised to challenge parts of the budget before the Constitutional Tribunal, whose independence the coalition itself disputes. The budget now goes to the Senate, where the coalition has a comfortable majority, and then to the president, who has not said whether he will sign it.',
      ),
      p(
        'Defence spending rises again, to 4.7 per cent of GDP, the highest share in NATO. A presidential veto would be overridden only with a three-fifths majority, which the coalition does not have.',
      ),
    ],
    status: 'published',
    hours_ago: 14,
  },

  {
    slug: 'geneva-is-not-a-reset',
    headline: 'Geneva is not a reset — and Brussels should say so out loud',
    kind: 'opinion',
    standfirst: 'The talks with Moscow are worth having. But Europe’s credibility depends on being clear about what they are not.',
    dateline: null,
    section: 'opinion',
    tags: ['diplomacy', 'russia', 'sanctions'],
    authors: ['elena-varga'],
    image: photo(
      'geneva-palais-des-nations-flags',
      'Flags of member states outside the Palais des Nations in Geneva',
      'The Palais des Nations, where the talks take place.',
      STAFF_BERG,
      true,
      [1200, 800],
    ),
    body: [
      p(
        'I spent enough years in negotiating rooms to know that the first meeting after a long silence is mostly theatre. Each side shows the other that it can sit still for six hours. Nobody gives anything away. That is fine. What matters is what happens in the corridors afterwards — and, just as much, what is said at home.',
      ),
      p(
        'This is where the EU is getting Geneva wrong. Since Tuesday, ministers in at least three capitals have spoken of a ',
        em('thaw'),
        ', a ',
        em('window'),
        ', even a ',
        em('reset'),
        '. None of these words describes what happened at the Villa Rosenthal. They do, however, tell Moscow that some European governments are impatient, and impatience is the cheapest concession of all.',
      ),
      h2('Say what the talks are for'),
      p(
        'The humanitarian track deserves every ounce of effort: prisoners, the nuclear plant, safe shipping. The sanctions are a different matter. They were agreed unanimously, for stated reasons, and they should be lifted only when those reasons no longer apply. Brussels should say this plainly, and say it every time a minister strays.',
      ),
      p(
        'A clear position is not a hostile one. In my experience, the other side respects a negotiator who means what she says far more than one who hints at flexibility she does not have. Geneva can be useful. It will not be useful if Europe talks itself into believing it is something else.',
      ),
    ],
    status: 'published',
    hours_ago: 20,
  },

  // Three articles at the same instant, to exercise cursor tie-breaking.
  {
    slug: 'ecb-holds-rates-and-signals-patience',
    headline: 'ECB holds rates and signals patience as inflation edges down',
    standfirst: 'The central bank kept its deposit rate at 2 per cent and said it saw no need to move before the spring.',
    dateline: 'Frankfurt',
    section: 'business',
    tags: ['central-banks'],
    authors: ['sofia-lindqvist'],
    image: photo(
      'ecb-tower',
      'The European Central Bank tower in Frankfurt against a grey sky',
      'The European Central Bank’s headquarters in Frankfurt’s Ostend district.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'The European Central Bank left its main interest rates unchanged on Thursday for the fourth meeting in a row, keeping the deposit rate at 2 per cent, and signalled that it was in no hurry to move in either direction.',
      ),
      p(
        'Eurozone inflation fell to 1.9 per cent in October, just below the bank’s target, but services prices are still rising by more than 3 per cent a year. "We are in a good place, and we intend to stay there," the ECB’s president told reporters, using a phrase she has now repeated at three consecutive press conferences.',
      ),
      p(
        'Markets had priced in a small chance of a cut in December after weak German industrial data. That chance all but disappeared after the press conference, and the euro rose 0.4 per cent against the dollar.',
      ),
      h2('Energy & wages'),
      p(
        'The bank’s new staff projections expect inflation to average 1.8 per cent next year, helped by lower energy prices. The main upside risk, economists said, is wage growth: collective agreements in Germany and the Netherlands have delivered rises of more than 4 per cent this year.',
      ),
    ],
    status: 'published',
    hours_ago: 26,
  },
  {
    slug: 'nato-defence-ministers-agree-ammunition-targets',
    headline: 'NATO defence ministers agree new ammunition targets',
    standfirst: 'Allies committed to doubling artillery shell production by 2028, but the question of who pays remains open.',
    dateline: 'Brussels',
    section: 'world',
    tags: ['nato', 'defence', 'ukraine'],
    authors: ['matthieu-roux', 'lukasz-wrobel'],
    image: photo(
      'nato-ministers-family-photo',
      'Defence ministers standing in two rows in front of a row of national flags',
      'NATO defence ministers pose for the family photo at the alliance’s headquarters.',
      'EuroWire/Petr Holub',
      false,
    ),
    body: [
      p(
        'NATO defence ministers agreed on Thursday to double the alliance’s annual production of 155mm artillery shells by 2028, setting national targets for the first time and promising to publish progress every six months.',
      ),
      p(
        'The targets, which diplomats said had been negotiated over three months, are meant to refill stocks depleted by deliveries to Ukraine and to reassure eastern members that the alliance could sustain a long conflict. "A plan is not a shell," Lithuania’s defence minister said on arrival, summing up a mood of cautious scepticism.',
      ),
      p(
        'Behind the agreement lies an unresolved argument about money. Several southern members want joint EU borrowing to finance the expansion of factories; the Netherlands and the Nordic countries prefer national budgets. That debate moves to the European Council next month.',
      ),
      bullets(
        'Artillery shells: production to double by 2028.',
        'Air-defence interceptors: a joint procurement for six countries.',
        'Stockpiles: national reporting every six months, shared with all allies.',
      ),
    ],
    status: 'published',
    hours_ago: 26,
  },
  {
    slug: 'sarajevo-film-festival-announces-new-regional-fund',
    headline: 'Sarajevo Film Festival launches a fund for first-time directors',
    standfirst:
      'The festival will back six debut features a year from across the former Yugoslavia, with money from foundations in three countries.',
    dateline: 'Sarajevo',
    section: 'culture',
    tags: ['film', 'balkans'],
    authors: ['ana-cosic'],
    image: photo(
      'sarajevo-festival-square',
      'A crowd gathered in front of an outdoor cinema screen at night',
      'The open-air cinema at the festival’s summer edition.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'The Sarajevo Film Festival has created a fund to finance six debut features a year by directors from Bosnia and Herzegovina, Serbia, Croatia, Montenegro, North Macedonia, Kosovo and Slovenia, its director announced on Thursday.',
      ),
      p(
        'Each project can receive up to €150,000, and the festival will guarantee a premiere slot for the finished films. "For too long, young directors here have had to choose between making films for Berlin and making films for home. We want them to be able to do both," said Amra Hadžić, who runs the festival’s industry programme.',
      ),
      p(
        'Regional cinema has enjoyed a run of international success in recent years, but producers say funding for first films has shrunk as national film centres struggle with tight budgets. The first selection will be announced at next summer’s festival.',
      ),
      p(
        'The fund is backed by foundations in Germany, the Netherlands and Switzerland, and by a Sarajevo bank — a combination the organisers hope will insulate it from the political pressures that have affected some national film bodies in the region.',
      ),
    ],
    status: 'published',
    hours_ago: 26,
  },

  {
    slug: 'eu-council-agrees-migration-pact-rules',
    headline: 'Interior ministers agree detailed rules for the EU migration pact',
    standfirst:
      'The agreement on the "solidarity pool" clears the way for the pact to take effect next summer, but Hungary and Slovakia voted against.',
    dateline: 'Brussels',
    section: 'politics',
    tags: ['migration', 'eu-council'],
    authors: ['matthieu-roux'],
    image: photo(
      'justice-home-affairs-council',
      'Ministers seated around a large oval table in a conference room',
      'Interior ministers at the Justice and Home Affairs Council in Brussels.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'EU interior ministers agreed on Tuesday on the detailed rules for the bloc’s new migration pact, including the size of the annual "solidarity pool" under which countries must either relocate asylum seekers or pay into a common fund.',
      ),
      p(
        'The pool was set at 30,000 relocations or €600m a year, with a price of €20,000 for each person a country declines to accept. The decision was taken by qualified majority, with Hungary and Slovakia voting against and Poland abstaining.',
      ),
      p(
        'Southern countries, which receive the largest number of arrivals by sea, welcomed the agreement but said the pool was too small. "It is a beginning, and a modest one," Greece’s migration minister said.',
      ),
      p(
        'Human-rights organisations criticised the expansion of border procedures, which will allow applications from nationals of countries with low recognition rates to be processed in detention-like facilities near the external border within twelve weeks.',
      ),
    ],
    status: 'published',
    hours_ago: 33,
  },

  {
    slug: 'un-human-rights-council-votes-on-belarus-mandate',
    headline: 'UN Human Rights Council renews Belarus mandate by narrow margin',
    standfirst: 'The vote in Geneva extends the work of the special rapporteur for another year, after an intense campaign by both sides.',
    dateline: 'Geneva',
    section: 'world',
    tags: ['human-rights', 'diplomacy'],
    authors: ['david-okafor'],
    image: photo(
      'palais-des-nations-room-xx',
      'A domed conference room with a colourful ceiling and delegates at desks',
      'Delegates in Room XX of the Palais des Nations during the vote.',
      'Helvetia Images/Luc Perrin',
      false,
    ),
    body: [
      p(
        'The UN Human Rights Council in Geneva voted on Friday to renew the mandate of its special rapporteur on Belarus for another year, by 21 votes to 14 with 12 abstentions — the narrowest margin since the post was created.',
      ),
      p(
        'The resolution, tabled by the EU, condemns the continued detention of more than a thousand people that human-rights groups consider political prisoners, and calls on Minsk to allow the rapporteur to visit the country.',
      ),
      p(
        'Diplomats said the outcome had been in doubt until the final morning, after several African and Asian members signalled that they might abstain. "Every one of these votes is now a campaign," said a Western diplomat who worked on the text.',
      ),
      p(
        'Belarus’s representative called the resolution "politically motivated" and said his government would not cooperate with the rapporteur. Human-rights organisations said the renewal was essential to keep documenting abuses that may one day be prosecuted.',
      ),
    ],
    status: 'published',
    hours_ago: 40,
  },

  {
    slug: 'moldova-signs-winter-gas-deal',
    headline: 'Moldova signs winter gas deal with Romania to cut reliance on Moscow',
    standfirst:
      'The agreement covers most of the country’s needs until March, but the breakaway region of Transnistria remains outside it.',
    dateline: 'Chișinău',
    section: 'europe',
    tags: ['energy', 'russia', 'enlargement'],
    authors: ['elena-varga', 'sofia-lindqvist'],
    image: photo(
      'chisinau-gas-pipeline',
      'A yellow gas pipeline running alongside a country road',
      'A section of the Iași–Ungheni–Chișinău pipeline, which carries Romanian gas to Moldova.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'Moldova signed an agreement with Romania’s state gas company on Wednesday to supply most of its winter needs through the Iași–Ungheni–Chișinău pipeline, the government in Chișinău said, in the latest step in its effort to end its dependence on Russian gas.',
      ),
      p(
        'The contract covers 1.1bn cubic metres until the end of March, at a price linked to the Dutch wholesale market. Part of the cost will be covered by a €250m EU grant announced in the summer.',
      ),
      p(
        'The deal does not cover Transnistria, the Russian-backed breakaway region on the left bank of the Dniester, which has relied on free Russian gas for years. With those flows cut off since January, the region has faced repeated blackouts, and officials in Chișinău fear Moscow will use the winter to stir unrest.',
      ),
      quote(
        'We are not going to let people freeze, wherever they live. But we are not going to be blackmailed either.',
        'Moldova’s energy minister',
      ),
      p(
        'Moldova opened EU accession negotiations last year. Officials in Brussels privately describe its energy security as the single biggest risk to the process.',
      ),
    ],
    status: 'published',
    hours_ago: 48,
  },

  {
    slug: 'sanctions-and-swaps-what-each-side-wants-from-geneva',
    headline: 'Sanctions & swaps: what each side wants from the Geneva talks',
    kind: 'analysis',
    standfirst:
      'An explainer on the positions of Brussels, Moscow and Kyiv ahead of the first high-level EU–Russia meeting in eighteen months.',
    dateline: null,
    section: 'europe',
    tags: ['sanctions', 'diplomacy', 'russia', 'ukraine'],
    authors: ['elena-varga'],
    image: photo(
      'lake-geneva-jet-deau',
      'The Jet d’Eau fountain on Lake Geneva on a cloudy day',
      'Geneva, host of the talks, has long sold itself as neutral ground.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'When EU and Russian envoys meet in Geneva this week, they will bring very different shopping lists. Here is what each side is likely to ask for — and what it is unlikely to get.',
      ),
      h2('What does Brussels want?'),
      p(
        'The EU’s priorities are humanitarian: the release of detained Ukrainian civilians, safe access for nuclear inspectors and guarantees for merchant shipping. On sanctions, the position agreed by the 27 is simple: ',
        strong('no relief without a change in Russian behaviour'),
        '.',
      ),
      h2('What does Moscow want?'),
      p(
        'Russian officials have said publicly that they want the "normalisation of economic relations", which in practice means access to roughly €200bn in central-bank assets immobilised in Europe, and the reconnection of some banks to the SWIFT payment system.',
      ),
      h2('And Kyiv?'),
      p(
        'Ukraine is not invited. Its government supports a prisoner exchange but has warned that it will not accept any deal about its territory or its reconstruction money negotiated over its head.',
      ),
      h3('Our assessment, from most to least likely'),
      numbered(
        'Prisoners and detained civilians: most likely area of agreement.',
        'Nuclear safety: possible, with the IAEA.',
        'Shipping: possible, but complicated by insurance rules.',
        'Sanctions and frozen assets: very unlikely.',
      ),
    ],
    status: 'published',
    hours_ago: 52,
  },

  {
    slug: 'french-farmers-block-roads-over-mercosur-deal',
    headline: 'French farmers block motorways as Mercosur trade deal nears a vote',
    standfirst:
      'Tractors blocked roads around Paris and Lyon as the government struggled to build a minority to stop the agreement in the Council.',
    dateline: 'Paris',
    section: 'business',
    tags: ['trade', 'agriculture', 'eu-council'],
    authors: ['matthieu-roux'],
    image: photo(
      'farmers-a6-blockade',
      'A line of tractors parked across a motorway with farmers standing beside them',
      'Farmers block the A6 motorway south of Paris on Monday.',
      'Continental Press/Marco Bellini',
      false,
    ),
    body: [
      p(
        'Thousands of farmers blocked motorways around Paris, Lyon and Toulouse on Monday in protest against the EU’s trade agreement with the Mercosur countries, which they say will expose them to unfair competition from South American beef, poultry and sugar.',
      ),
      p(
        'France has said it will vote against the deal in the Council, but it needs the support of countries representing at least 35 per cent of the EU’s population to block it. Poland, Austria and Ireland have signalled opposition; Italy has not decided.',
      ),
      p(
        'The European Commission argues that the agreement, negotiated over more than two decades, would open a market of 270 million people to European manufacturers and includes safeguards for sensitive farm products. "We have listened, and we have built in protections," the trade commissioner said on Monday.',
      ),
      p(
        'Farm unions said the protests would continue until the vote, expected before Christmas. Police reported no serious incidents, though several hundred lorries were stranded for hours on the A7.',
      ),
    ],
    status: 'published',
    hours_ago: 60,
  },

  {
    slug: 'romania-presidential-runoff-results',
    headline: 'Pro-European candidate wins Romania’s presidential run-off',
    standfirst: 'The former mayor of Cluj won 54 per cent of the vote in a contest dominated by the cost of living and the war next door.',
    dateline: 'Bucharest',
    section: 'politics',
    tags: ['elections', 'enlargement'],
    authors: ['ana-cosic'],
    image: photo(
      'bucharest-victory-rally',
      'Supporters waving Romanian and EU flags in a city square at night',
      'Supporters celebrate in Bucharest’s University Square after the first results.',
      'Danube Images/Radu Ionescu',
      false,
    ),
    body: [
      p(
        'Romanians elected Mihai Constantinescu, a liberal former mayor of Cluj-Napoca, as president on Sunday, giving him 54 per cent of the vote against 46 per cent for his nationalist opponent, according to near-complete results.',
      ),
      p(
        'Turnout was 63 per cent, the highest in a presidential run-off for twenty years. Constantinescu campaigned on anti-corruption and on keeping Romania firmly anchored in the EU and NATO, while his opponent promised to "put Romanians first" and to end military aid to Ukraine.',
      ),
      p(
        '"Tonight Romania chose Europe, but it also told us that people are tired and worried. I have heard both messages," Constantinescu told supporters in Bucharest shortly after midnight.',
      ),
      p(
        'The campaign was marked by accusations of foreign interference on social media, and the electoral authority said it had asked two platforms to remove hundreds of accounts. International observers said the vote was well run but criticised the lack of transparency in online campaign financing.',
      ),
    ],
    status: 'published',
    hours_ago: 72,
  },

  {
    slug: 'eu-and-china-agree-minimum-prices-for-electric-cars',
    headline: 'EU and China near deal on minimum prices for electric cars',
    standfirst:
      'A price-undertaking agreement would replace tariffs of up to 35 per cent on Chinese-made EVs, but German and French carmakers disagree on the terms.',
    dateline: 'Brussels',
    section: 'business',
    tags: ['trade', 'china', 'european-commission'],
    authors: ['sofia-lindqvist', 'matthieu-roux'],
    image: photo(
      'zeebrugge-car-terminal',
      'Rows of new cars parked at a port terminal next to a car-carrier ship',
      'Imported cars at the port of Zeebrugge, one of Europe’s main entry points for Chinese-made vehicles.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'European and Chinese negotiators are close to an agreement that would replace the EU’s anti-subsidy tariffs on Chinese electric cars with a system of minimum import prices, officials on both sides said on Thursday.',
      ),
      p(
        'Under the proposal, Chinese manufacturers would commit not to sell below an agreed price in Europe, in exchange for the removal of duties of up to 35 per cent imposed last year. The Commission has not disclosed the price levels, which would vary by model and battery size.',
      ),
      p(
        'Germany’s carmakers, which sell heavily in China and fear retaliation, support a deal. French manufacturers are more sceptical. "A minimum price that is too low is just a tariff with a nicer name — for them," said an executive at a French car group.',
      ),
      p('Any agreement would need the approval of member states. Officials said a decision was unlikely before February.'),
    ],
    status: 'published',
    hours_ago: 80,
  },

  {
    slug: 'warsaw-museum-of-modern-art-opens',
    headline: "Warsaw's new Museum of Modern Art opens at last, eighteen years late",
    standfirst: 'After lawsuits, redesigns and four changes of government, the white box on Parade Square is finally open to the public.',
    dateline: 'Warsaw',
    section: 'culture',
    tags: ['arts'],
    authors: ['marta-ferreira'],
    image: photo(
      'warsaw-modern-art-museum',
      'A long white rectangular building next to the ornate Palace of Culture and Science',
      'The Museum of Modern Art in the shadow of the Palace of Culture and Science.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'It took eighteen years, two architects, a string of lawsuits and four changes of government, but Warsaw’s Museum of Modern Art opened its doors on Saturday to a queue that stretched around Parade Square.',
      ),
      p(
        'The building — a plain white box designed by the American architect Thomas Phifer — sits in deliberate contrast to the Stalinist Palace of Culture and Science next door. Critics who spent years calling it a "warehouse" were, on Saturday at least, mostly quiet.',
      ),
      p(
        'The opening exhibition draws on the museum’s collection of Polish and Central European art since the 1950s, with a large room given to the sculptor Alina Szapocznikow. Entry will be free for the first month.',
      ),
      p(
        'For many visitors, the building itself was the point. "I came because I wanted to see if it was really finished," said Łucja Nowak, a retired teacher. "It is. I can hardly believe it."',
      ),
    ],
    status: 'published',
    hours_ago: 90,
  },

  {
    slug: 'greenland-ice-melt-record-season',
    headline: 'Greenland ice sheet loses more mass than in any year since 2012',
    standfirst: 'A warm summer and a late autumn pushed losses to 410bn tonnes, according to a Danish-led monitoring programme.',
    dateline: 'Nuuk',
    section: 'world',
    tags: ['climate'],
    authors: ['david-okafor'],
    image: photo(
      'greenland-meltwater',
      'A river of bright blue meltwater cutting across a white ice sheet',
      'Meltwater on the surface of the ice sheet in western Greenland in August.',
      'Polar Images/Karl Jensen',
      false,
    ),
    body: [
      p(
        'The Greenland ice sheet lost about 410bn tonnes of ice in the twelve months to August, the second-largest loss on record and the most since 2012, scientists from the Danish-led PROMICE monitoring programme said on Wednesday.',
      ),
      p(
        'The loss, driven by an unusually warm summer and melting that continued well into September, added just over a millimetre to global sea levels. Scientists said the figure fitted a long-term trend rather than a sudden acceleration, but warned that back-to-back warm years were becoming more common.',
      ),
      p(
        '"The ice sheet is not collapsing, but it is shrinking every year, and it will keep shrinking for decades whatever we do now," said Dr. Signe Ravn, a glaciologist in Copenhagen.',
      ),
      p(
        'The figures were released as Greenland’s government prepares to host a conference of Arctic mayors and indigenous organisations in Nuuk next month.',
      ),
    ],
    status: 'published',
    hours_ago: 100,
  },

  {
    slug: 'european-parliament-adopts-media-freedom-report',
    headline: 'European Parliament warns of backsliding on media freedom',
    standfirst: 'MEPs adopted a report naming five member states where public broadcasters are under political pressure.',
    dateline: 'Strasbourg',
    section: 'politics',
    tags: ['european-parliament', 'media', 'rule-of-law'],
    authors: ['matthieu-roux'],
    image: photo(
      'strasbourg-hemicycle',
      'The semi-circular plenary chamber of the European Parliament in Strasbourg, seen from above',
      'The plenary chamber in Strasbourg during Wednesday’s vote.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'The European Parliament on Wednesday adopted a report warning that press freedom is deteriorating in several member states, and calling on the Commission to enforce the European Media Freedom Act, which has applied in full since August.',
      ),
      p(
        'The non-binding report, approved by 412 votes to 189, names five countries where it says public broadcasters are under political control or where ownership of private media is concentrated in the hands of government allies.',
      ),
      p(
        'The rapporteur, a Dutch liberal MEP, said the law "is only worth the paper it is printed on if the Commission is willing to take governments to court". Members from the right-wing groups called the report an attack on national sovereignty.',
      ),
      p(
        'Journalists’ organisations welcomed the vote but said it came late. At least three independent outlets in the countries named have closed this year.',
      ),
    ],
    status: 'published',
    hours_ago: 110,
  },

  // Two at the same instant.
  {
    slug: 'commission-releases-part-of-hungary-frozen-funds',
    headline: 'Commission releases €1bn of Hungary’s frozen EU funds',
    standfirst:
      'Brussels says Budapest has met conditions on judicial independence; critics in the Parliament accuse it of trading money for votes.',
    dateline: 'Budapest',
    section: 'politics',
    tags: ['rule-of-law', 'european-commission'],
    authors: ['elena-varga'],
    image: photo(
      'budapest-parliament-danube',
      'The Hungarian parliament building on the bank of the Danube at dusk',
      'The Hungarian parliament in Budapest.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'The European Commission said on Monday it would release about €1bn of cohesion funds frozen over rule-of-law concerns in Hungary, after concluding that a reform of the National Judicial Council met its conditions.',
      ),
      p(
        'More than €18bn remains blocked under various procedures. The Hungarian government welcomed the decision as "long overdue" and said it expected the rest to follow.',
      ),
      p(
        'Members of the European Parliament from four groups accused the Commission of releasing the money to secure Hungary’s support for decisions that require unanimity, including the renewal of sanctions against Russia, which falls due in January. The Commission denied any link.',
      ),
      p(
        'Lawyers and judges in Budapest told The European Daily that the reform looked good on paper but that its effects would depend on appointments still to be made. "The law is better. The practice, we will see," said one senior judge.',
      ),
    ],
    status: 'published',
    hours_ago: 120,
  },
  {
    slug: 'georgia-protests-enter-second-month',
    headline: 'Protests in Tbilisi enter their second month',
    standfirst: 'Tens of thousands marched again on Rustaveli Avenue, demanding new elections and a return to the EU path.',
    dateline: 'Tbilisi',
    section: 'europe',
    tags: ['human-rights', 'elections', 'enlargement'],
    authors: ['lukasz-wrobel'],
    image: photo(
      'tbilisi-rustaveli-march',
      'A large crowd holding Georgian and EU flags on a wide avenue at night',
      'Protesters on Rustaveli Avenue in central Tbilisi.',
      'Caucasus Press/Nino Beridze',
      false,
    ),
    body: [
      p(
        'Tens of thousands of people marched through central Tbilisi on Sunday evening, marking a month of daily protests against the government’s decision to suspend talks on joining the European Union.',
      ),
      p(
        'The demonstrators, many of them students, carried Georgian and EU flags and chanted for new elections. Police did not intervene on Sunday, but human-rights groups say more than 400 people have been detained since the protests began, and dozens have reported being beaten in custody.',
      ),
      p(
        'The EU has suspended visa-free travel for Georgian officials and frozen part of its assistance. Several member states are pushing for targeted sanctions against senior figures in the ruling party, but Hungary and Slovakia have blocked a decision.',
      ),
      p(
        '"We are not going home. This is our country and our future," said Mariam, a 22-year-old law student who asked that her surname not be published.',
      ),
    ],
    status: 'published',
    hours_ago: 120,
  },

  {
    slug: 'europe-energy-transition-needs-grids-not-speeches',
    headline: 'Europe’s energy transition needs cables, not speeches',
    kind: 'opinion',
    standfirst: 'The bottleneck is no longer solar panels or wind turbines. It is the unglamorous business of moving electricity around.',
    dateline: null,
    section: 'opinion',
    tags: ['energy', 'climate'],
    authors: ['sofia-lindqvist'],
    image: photo(
      'high-voltage-line-north-sea-coast',
      'A high-voltage line crossing farmland towards the coast',
      'A new interconnector on the North Sea coast.',
      STAFF_JANSEN,
      true,
      [1200, 800],
    ),
    body: [
      p(
        'Europe now installs more solar capacity in a year than it did in the whole of the last decade. Yet on sunny afternoons in Spain and northern Germany, wholesale prices regularly fall below zero, while customers a few hundred kilometres away pay some of the highest bills in the world. The problem is not generation. It is the grid.',
      ),
      p(
        'Interconnectors take ten years to build, and most of that time is spent on permits and objections. Grid operators are regulated in ways that reward them for building as little as possible. And the EU’s grand plans rarely come with the money to match.',
      ),
      h2('Three things to do now'),
      numbered(
        'Give cross-border grid projects the same fast-track permits as defence projects.',
        'Let regulators reward operators for building ahead of demand.',
        'Fund interconnectors from the EU budget, not just from national bills.',
      ),
      p(
        'None of this will make a good speech. All of it would do more for Europe’s climate targets — and its competitiveness — than another summit declaration.',
      ),
    ],
    status: 'published',
    hours_ago: 140,
  },

  {
    slug: 'eu-extends-red-sea-naval-mission',
    headline: 'EU extends Red Sea naval mission for another year',
    standfirst:
      'Foreign ministers agreed to keep warships escorting merchant vessels, as attacks on shipping have declined but not stopped.',
    dateline: 'Brussels',
    section: 'world',
    tags: ['middle-east', 'defence', 'eu-council'],
    authors: ['elena-varga'],
    image: photo(
      'red-sea-frigate',
      'A grey naval frigate sailing alongside a large container ship',
      'A European frigate escorts a container ship in the southern Red Sea.',
      'EuroWire/Petr Holub',
      false,
    ),
    body: [
      p(
        'EU foreign ministers agreed on Monday to extend the bloc’s naval mission in the Red Sea for another twelve months, keeping up to six warships in the region to escort merchant vessels through the Bab el-Mandeb strait.',
      ),
      p(
        'Attacks on shipping by Houthi forces in Yemen have fallen sharply this year, but insurers still classify the area as high-risk and most large container lines continue to route their ships around the Cape of Good Hope, adding up to two weeks to voyages between Asia and Europe.',
      ),
      p(
        'The mission is defensive: its ships do not strike targets on land. Several ministers said privately that its main value was political — a sign that Europe can protect its own trade routes without relying entirely on the United States.',
      ),
      p(
        'Italy will continue to lead the operation from its headquarters in Larissa, with France, Greece and Germany providing most of the ships.',
      ),
    ],
    status: 'published',
    hours_ago: 160,
  },

  {
    slug: 'ukraine-reconstruction-conference-pledges',
    headline: 'Donors pledge €14bn at Ukraine reconstruction conference',
    standfirst: 'Most of the money comes as loans and guarantees; private investors remain wary of war risk.',
    dateline: 'Rome',
    section: 'europe',
    tags: ['ukraine', 'diplomacy'],
    authors: ['lukasz-wrobel', 'sofia-lindqvist'],
    image: photo(
      'rome-reconstruction-conference',
      'Delegates listening to a speaker at a podium in a large conference hall',
      'Delegates at the reconstruction conference in Rome.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'Governments, development banks and companies pledged €14bn for Ukraine’s reconstruction at a two-day conference in Rome that ended on Thursday, the Italian government said.',
      ),
      p(
        'About two-thirds of the total came as loans and loan guarantees from the European Investment Bank, the EBRD and national export agencies. Grants accounted for less than €3bn.',
      ),
      p(
        'The World Bank’s latest estimate puts the cost of rebuilding Ukraine at more than $500bn. Ukrainian officials said the real challenge was attracting private money, which is held back by the cost of insuring investments against war damage.',
      ),
      p(
        'A new EU-backed insurance facility, announced at the conference, will cover up to €1bn of private investment in energy, logistics and housing. "It is a start. We need ten times as much," Ukraine’s economy minister said.',
      ),
    ],
    status: 'published',
    hours_ago: 180,
  },

  {
    slug: 'berlinale-announces-new-competition-jury',
    headline: 'Berlinale names a Balkan director to head next year’s jury',
    standfirst: 'The choice is being read as a signal that the festival wants to look east again.',
    dateline: 'Berlin',
    section: 'culture',
    tags: ['film', 'balkans'],
    authors: ['marta-ferreira', 'ana-cosic'],
    image: photo(
      'berlinale-palast',
      'The entrance of a festival cinema with a red carpet and bear logos',
      'The Berlinale Palast on Potsdamer Platz.',
      'Spree Photo/Hanna Vogel',
      false,
    ),
    body: [
      p(
        'The Berlin International Film Festival has chosen the Bosnian director Jasmila Hodžić to preside over its competition jury next February, the festival said on Tuesday.',
      ),
      p(
        'Hodžić, whose war drama "The Quiet Year" won the festival’s top prize a decade ago, is the first director from the former Yugoslavia to lead the jury. "Berlin gave my generation a stage when nobody else was watching. I am happy to give something back," she said in a statement.',
      ),
      p(
        'The choice was welcomed by critics who have argued that the festival, under pressure from Cannes and Venice, has neglected Central and Eastern European cinema in recent years.',
      ),
      p(
        'The festival’s new artistic director has promised a smaller, more focused competition, with no more than eighteen films. The rest of the jury and the line-up will be announced in January.',
      ),
    ],
    status: 'published',
    hours_ago: 200,
  },

  {
    slug: 'switzerland-debates-arms-re-export-rules',
    headline: 'Switzerland debates easing arms re-export rules',
    standfirst:
      'Parliament in Bern will vote on letting buyers of Swiss weapons pass them on to Ukraine — a test of the country’s neutrality.',
    dateline: 'Bern',
    section: 'europe',
    tags: ['defence', 'ukraine', 'diplomacy'],
    authors: ['david-okafor'],
    image: photo(
      'bern-federal-palace',
      'The domed Federal Palace in Bern with Swiss flags',
      'The Federal Palace in Bern, seat of the Swiss parliament.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'The Swiss parliament will vote next month on a proposal to let foreign governments re-export Swiss-made weapons to countries defending themselves against aggression, a change that would allow ammunition bought by Germany and Denmark to reach Ukraine.',
      ),
      p(
        'Swiss law currently forbids the re-export of war material to countries involved in an armed conflict. Several European buyers have said they may stop purchasing from Swiss manufacturers if the rules are not relaxed.',
      ),
      p(
        'Supporters of the change argue that neutrality does not mean indifference. Opponents, including the largest party in parliament, say it would undermine the credibility that makes Geneva a venue for talks between enemies — including the EU–Russia meetings the Swiss government has been trying to host.',
      ),
      p(
        'Switzerland has adopted the EU’s sanctions against Russia, a decision that was itself controversial. A referendum on the arms rules is likely whatever parliament decides.',
      ),
    ],
    status: 'published',
    hours_ago: 220,
  },

  {
    slug: 'prisoner-exchange-brokered-in-geneva',
    headline: 'Prisoner exchange brokered in Geneva frees 120 detainees',
    standfirst: 'Swiss and Turkish mediators secured the largest exchange of civilians since the war began, and hinted at more to come.',
    dateline: 'Geneva',
    section: 'world',
    tags: ['diplomacy', 'ukraine', 'russia', 'human-rights'],
    authors: ['elena-varga', 'david-okafor'],
    image: photo(
      'prisoner-exchange-reunion',
      'A woman embracing a thin man wearing a winter jacket at a border crossing',
      'A released Ukrainian civilian is greeted by his mother at the border.',
      'Nordpress/Oleh Marchenko via EuroWire',
      false,
    ),
    body: [
      p(
        'Sixty Ukrainian civilians and sixty Russian nationals were released on Saturday in an exchange negotiated in Geneva over three months by Swiss and Turkish mediators, with the International Committee of the Red Cross verifying the lists.',
      ),
      p(
        'The Ukrainians included a journalist, several local officials from occupied towns and a 71-year-old retired teacher detained in 2022. The Russians were mostly people held in Ukraine on espionage charges.',
      ),
      quote(
        'Behind each name on these lists is a family that has waited for years. Today some of them can stop waiting.',
        'Spokesperson for the International Committee of the Red Cross',
      ),
      p(
        'Diplomats said the success of the exchange had persuaded several EU governments that a wider channel with Moscow, limited to humanitarian matters, might be worth trying. Switzerland has offered to host it.',
      ),
      p(
        'The families of thousands of other detainees gathered outside the ICRC headquarters in Geneva on Saturday afternoon, holding photographs of those still held.',
      ),
    ],
    status: 'published',
    hours_ago: 240,
  },

  {
    slug: 'spain-drought-water-restrictions-andalusia',
    headline: 'Andalusia imposes water restrictions as drought enters fourth year',
    standfirst: 'Seville and Córdoba will cut mains pressure at night, and farmers face a 40 per cent reduction in irrigation.',
    dateline: 'Seville',
    section: 'europe',
    tags: ['climate', 'agriculture'],
    authors: ['marta-ferreira'],
    image: photo(
      'andalusia-dry-reservoir',
      'A reservoir with cracked mud and a narrow strip of water far from the old shoreline',
      'The reservoir at Iznájar, at 14 per cent of capacity in October.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'The regional government of Andalusia declared a drought emergency on Friday for the Guadalquivir basin, ordering night-time cuts in mains pressure in Seville, Córdoba and dozens of smaller towns and a 40 per cent cut in water for irrigation.',
      ),
      p(
        'Reservoirs in the basin are at 19 per cent of capacity after three dry winters and the hottest summer on record. Olive and citrus growers, who account for most of the water used in the region, say the cuts will cost thousands of seasonal jobs.',
      ),
      p(
        '"We have done everything they asked — drip irrigation, sensors, new pipes. There is simply no water left to save," said José Antonio Ruiz, who farms 60 hectares of olives near Écija.',
      ),
      p('Madrid has promised emergency funding for desalination plants on the coast, but the first will not be ready before 2028.'),
    ],
    status: 'published',
    hours_ago: 260,
  },

  {
    slug: 'italy-albania-migrant-centres-court-ruling',
    headline: 'Court ruling leaves Italy’s Albania migrant centres almost empty',
    standfirst: 'The EU’s top court said countries cannot designate a state as "safe" if parts of its population are at risk.',
    dateline: 'Rome',
    section: 'politics',
    tags: ['migration', 'rule-of-law'],
    authors: ['marta-ferreira'],
    image: photo(
      'gjader-centre',
      'A fenced compound of prefabricated buildings in a rural landscape',
      'The Italian-run centre at Gjadër, in northern Albania.',
      'Adriatic Press/Enzo Ricci',
      false,
    ),
    body: [
      p(
        'Italy’s migrant processing centres in Albania were close to empty on Wednesday after a ruling by the European Court of Justice limited the government’s ability to send asylum seekers there.',
      ),
      p(
        'The court ruled that a country may only be designated as a "safe country of origin" if it is safe for its whole population, and that national courts must be able to review that designation. Most of the people sent to Albania came from countries Italy had declared safe despite documented risks for some groups.',
      ),
      p(
        'The Italian government, which has spent an estimated €800m on the centres, said the ruling was "a political decision" and that it would keep the facilities open. Several other member states, including Denmark and the Netherlands, have said they are studying similar arrangements.',
      ),
      p(
        'Under the new EU migration pact, which takes effect next summer, the rules on safe countries will change — a point the government in Rome is counting on.',
      ),
    ],
    status: 'published',
    hours_ago: 280,
  },

  // Two at the same instant.
  {
    slug: 'shadow-fleet-tankers-sanctions-enforcement',
    headline: 'Europe tightens checks on Russia’s shadow fleet of oil tankers',
    standfirst:
      'Denmark, Sweden and Finland will inspect insurance papers of tankers passing through their waters, a first step towards enforcing sanctions at sea.',
    dateline: 'Copenhagen',
    section: 'business',
    tags: ['sanctions', 'energy', 'russia'],
    authors: ['sofia-lindqvist', 'lukasz-wrobel'],
    image: photo(
      'tanker-oresund',
      'An oil tanker sailing beneath a long bridge between two coasts',
      'An oil tanker passes under the Øresund bridge.',
      'Nordpress/Anders Holm',
      false,
    ),
    body: [
      p(
        'Denmark, Sweden and Finland will begin checking the insurance documents of oil tankers passing through the Danish straits and the Gulf of Finland from next month, in a coordinated attempt to curb the "shadow fleet" that carries Russian oil around Western sanctions.',
      ),
      p(
        'Hundreds of ageing tankers with opaque ownership and doubtful insurance now carry a large share of Russia’s seaborne crude exports. Environmental groups and coastal states have long warned that a single spill in the shallow Baltic would be catastrophic.',
      ),
      p(
        'International maritime law guarantees ships the right of innocent passage, which limits what coastal states can do. Officials said the checks would be carried out with the consent of vessels, and that ships without valid insurance would be reported — and, in the case of EU-listed vessels, denied port services.',
      ),
      p(
        'The EU has now listed more than 500 shadow-fleet tankers under its sanctions regime. Analysts said the new checks would raise costs for Russian exporters but not stop the trade.',
      ),
    ],
    status: 'published',
    hours_ago: 300,
  },
  {
    slug: 'portugal-calls-snap-election',
    headline: 'Portugal heads for its third election in four years',
    standfirst: 'The president dissolved parliament after the minority government lost a confidence vote over a housing bill.',
    dateline: 'Lisbon',
    section: 'politics',
    tags: ['elections'],
    authors: ['marta-ferreira'],
    image: photo(
      'lisbon-sao-bento',
      'The white neoclassical façade of the Portuguese parliament with a wide staircase',
      'The São Bento Palace, home of the Portuguese parliament, in Lisbon.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'Portugal’s president dissolved parliament on Thursday and called an early general election for March, after the centre-right minority government lost a confidence vote over its housing bill.',
      ),
      p(
        'It will be the country’s third national election in four years. Polls suggest that no party will win a majority, and that the far-right Chega party will again hold the balance.',
      ),
      p(
        'Housing costs have become the dominant issue in Portuguese politics. Rents in Lisbon have more than doubled in a decade, driven in part by tourism and foreign buyers, and many young Portuguese have emigrated.',
      ),
      p(
        '"People are tired of elections, but they are more tired of paying half their salary in rent," said Inês Carvalho, a political scientist at the University of Lisbon.',
      ),
    ],
    status: 'published',
    hours_ago: 300,
  },

  {
    slug: 'un-climate-talks-bonn-finance-deadlock',
    headline: 'UN climate talks in Bonn end in deadlock over finance',
    standfirst: 'Negotiators failed to agree on how to track the $300bn-a-year climate finance goal, leaving the question for ministers.',
    dateline: 'Bonn',
    section: 'world',
    tags: ['climate', 'diplomacy'],
    authors: ['david-okafor'],
    image: photo(
      'bonn-climate-conference',
      'Delegates walking between conference buildings with UN banners',
      'Delegates at the World Conference Center in Bonn.',
      'Rhine Images/Jonas Weber',
      false,
    ),
    body: [
      p(
        'Two weeks of UN climate negotiations in Bonn ended on Thursday without agreement on how to count and track the climate finance that rich countries promised last year, setting up a difficult summit later in the year.',
      ),
      p(
        'Developing countries want grants and concessional loans to be counted separately from private investment and export credits, which they say inflate the totals. Donor countries, including the EU, argue that the goal was always meant to include all sources.',
      ),
      p(
        '"We cannot adapt to floods with accounting tricks," said the lead negotiator for a group of small island states, in a closing session that ran past midnight.',
      ),
      p(
        'EU officials said they were disappointed but not surprised. Progress was made on rules for carbon markets, which the UN secretariat in Bonn described as the most technical — and most overlooked — part of the talks.',
      ),
    ],
    status: 'published',
    hours_ago: 330,
  },

  {
    slug: 'the-balkans-cannot-wait-another-decade',
    headline: 'The Western Balkans cannot wait another decade for the EU',
    kind: 'opinion',
    standfirst:
      'Enlargement is back on the agenda because of the war in Ukraine. The region that has waited longest risks being left at the back of the queue.',
    dateline: null,
    section: 'opinion',
    tags: ['balkans', 'enlargement'],
    authors: ['ana-cosic'],
    image: photo(
      'skopje-eu-flag-old-bazaar',
      'An EU flag hanging from a balcony above the old bazaar in Skopje',
      'Skopje, where support for membership has fallen since the 2019 veto.',
      STAFF_BERG,
      true,
      [1200, 800],
    ),
    body: [
      p(
        'In 2003, at a summit in Thessaloniki, EU leaders told the countries of the Western Balkans that their future lay in the Union. More than twenty years later, only Croatia has joined. An entire generation has grown up listening to that promise, and a large part of it has since left for Germany, Austria and Ireland.',
      ),
      p(
        'The war in Ukraine has made enlargement fashionable again in Brussels. That is good news, but it carries a risk: that Ukraine and Moldova, with their obvious strategic importance, move forward while the Balkans remain stuck in the waiting room, blamed for failings that are real but not unique.',
      ),
      p(
        'There is a better way. Gradual integration — access to the single market, EU funds and the Council’s meetings before full membership — would give citizens something tangible ',
        em('now'),
        ', and give governments a reason to reform that does not depend on a date nobody believes in.',
      ),
      p('The region’s leaders are not blameless. But the EU, too, has broken promises. It is time to make ones it can keep.'),
    ],
    status: 'published',
    hours_ago: 360,
  },

  {
    slug: 'wto-geneva-fisheries-subsidies-deal-takes-effect',
    headline: 'WTO deal on fisheries subsidies takes effect after years of talks',
    standfirst:
      'The first binding WTO agreement in nearly a decade bans subsidies for illegal fishing, though the harder part is still being negotiated in Geneva.',
    dateline: 'Geneva',
    section: 'business',
    tags: ['trade', 'climate'],
    authors: ['sofia-lindqvist'],
    image: photo(
      'wto-headquarters',
      'The stone façade of the Centre William Rappard beside Lake Geneva',
      'The World Trade Organization’s headquarters in Geneva.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'An agreement banning government subsidies for illegal, unreported and unregulated fishing entered into force on Monday, after enough members of the World Trade Organization ratified it, officials in Geneva said.',
      ),
      p(
        'The deal is the WTO’s first binding multilateral agreement in nearly a decade, and the first to focus on environmental sustainability. It also bans subsidies for fishing on the unregulated high seas and for fishing overfished stocks.',
      ),
      p(
        'A second, more ambitious phase — limiting the subsidies that fuel overcapacity in the world’s fishing fleets — is still under negotiation, blocked mainly by disagreements between India and the larger fishing nations.',
      ),
      p(
        '"It is proof that the WTO can still deliver," the organisation’s director-general said. Trade diplomats in Geneva were more measured, noting that the agreement took more than twenty years.',
      ),
    ],
    status: 'published',
    hours_ago: 400,
  },

  {
    slug: 'turkey-and-eu-revive-high-level-dialogue',
    headline: 'Turkey and the EU revive high-level dialogue after six years',
    standfirst: 'Foreign ministers met in Ankara to discuss migration, trade and visas, with the customs union back on the table.',
    dateline: 'Ankara',
    section: 'world',
    tags: ['diplomacy', 'migration', 'trade'],
    authors: ['elena-varga'],
    image: photo(
      'ankara-press-conference',
      'Two officials shaking hands in front of Turkish and EU flags',
      'The EU’s foreign-policy chief and Turkey’s foreign minister in Ankara.',
      'Anadolu Wire/Emre Kaya',
      false,
    ),
    body: [
      p(
        'The European Union and Turkey held their first high-level political dialogue in six years in Ankara on Friday, agreeing to resume talks on modernising their customs union and to set up a working group on visa facilitation for Turkish business travellers.',
      ),
      p(
        'Relations have improved since Turkey played a central role in the Black Sea grain arrangements and in prisoner exchanges between Russia and Ukraine. Ankara also remains the EU’s most important partner on migration, hosting more than three million Syrian refugees.',
      ),
      p(
        'Diplomats cautioned that the main obstacles — the Cyprus dispute and concerns about the rule of law in Turkey — had not gone away. Cyprus has made clear it will block any upgrade of the customs union without progress on its own demands.',
      ),
      p('"We are talking again, and we are talking about concrete things. That is already a lot," said a senior EU official.'),
    ],
    status: 'published',
    hours_ago: 430,
  },

  {
    slug: 'czech-election-result-coalition-talks',
    headline: 'Czech populists win election but need partners to govern',
    standfirst: 'The ANO party came first with 34 per cent, but coalition talks could take weeks.',
    dateline: 'Prague',
    section: 'politics',
    tags: ['elections', 'ukraine'],
    authors: ['lukasz-wrobel'],
    image: photo(
      'prague-election-night',
      'Party supporters watching results on a large screen in a hall',
      'ANO supporters watch the results come in at the party’s headquarters in Prague.',
      'Vltava Press/Jan Dvořák',
      false,
    ),
    body: [
      p(
        'The populist ANO movement won the Czech parliamentary election with 34 per cent of the vote, according to final results on Sunday, but fell well short of a majority and will need at least one partner to form a government.',
      ),
      p(
        'The outgoing centre-right coalition won 28 per cent combined. Two smaller parties, one on the far right and one Eurosceptic, also entered parliament and could become kingmakers.',
      ),
      p(
        'The result is likely to shift Czech policy on Ukraine. The outgoing government organised an initiative that bought ammunition for Kyiv from around the world; ANO has said it would review it.',
      ),
      p(
        'Turnout, at 68 per cent, was the highest since 1998. The president is expected to begin consultations with party leaders this week.',
      ),
    ],
    status: 'published',
    hours_ago: 460,
  },

  {
    slug: 'lisbon-book-fair-translation-prize',
    headline: 'A Lithuanian novel wins Europe’s biggest translation prize',
    standfirst: 'The award, announced at the Lisbon book fair, goes to a story of three generations on a farm near the Belarusian border.',
    dateline: 'Lisbon',
    section: 'culture',
    tags: ['arts'],
    authors: ['marta-ferreira'],
    image: photo(
      'lisbon-book-fair',
      'Book stalls with white canopies along a sloping park path',
      'Stalls at the Lisbon book fair in Eduardo VII Park.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'A novel by the Lithuanian writer Gintarė Adomaitytė has won this year’s European Translation Prize, worth €50,000 to be shared between the author and her translators, the jury announced at the Lisbon book fair on Saturday.',
      ),
      p(
        '"The Border Field" follows three generations of a family on a farm near the Belarusian border, from the Soviet deportations of the 1940s to the present. It has been translated into eleven languages, including Portuguese, Polish and Ukrainian.',
      ),
      p(
        'The jury praised the book for "the rare ability to make history feel like weather — always there, never explained". Adomaitytė said she had written it "for my grandmother, who never told anyone anything".',
      ),
      p(
        'The prize was set up five years ago by a group of European publishers & foundations to encourage the translation of books from smaller languages.',
      ),
    ],
    status: 'published',
    hours_ago: 500,
  },

  {
    slug: 'baltic-states-air-defence-nato',
    headline: 'Baltic states sign joint air-defence deal with NATO support',
    standfirst: 'Estonia, Latvia and Lithuania will buy medium-range systems together, to be integrated into NATO’s air-defence network.',
    dateline: 'Riga',
    section: 'world',
    tags: ['nato', 'defence'],
    authors: ['lukasz-wrobel'],
    image: photo(
      'riga-defence-ministers',
      'Three ministers signing documents at a table with national flags behind them',
      'The Baltic defence ministers sign the agreement in Riga.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'The defence ministers of Estonia, Latvia and Lithuania signed an agreement in Riga on Wednesday to buy medium-range air-defence systems jointly, in the biggest common procurement the three countries have undertaken.',
      ),
      p(
        'The systems, worth about €1.2bn, will be integrated into NATO’s integrated air and missile defence network and operated in part by crews from other allies until Baltic personnel are trained.',
      ),
      p('"Our skies are NATO’s skies. It makes sense to defend them together," Latvia’s defence minister said.'),
      p(
        'The purchase follows several incursions by Russian drones and aircraft into Baltic airspace this year, including a drone that crashed in a field in eastern Latvia in September. Deliveries are expected to begin in 2027, and the first batteries will be deployed near Tallinn, Riga and Vilnius.',
      ),
      p(
        'Until then, the region will rely on allied systems rotating through on NATO’s air-policing mission. Officials said the three countries were also discussing a joint purchase of cheaper interceptors to deal with drones, which cost a fraction of the missiles used to shoot them down.',
      ),
    ],
    status: 'published',
    hours_ago: 540,
  },

  {
    slug: 'commission-work-programme-simplification',
    headline: 'Commission promises fewer rules in its work programme',
    standfirst: 'The annual plan withdraws 37 pending proposals and focuses on competitiveness, defence and energy prices.',
    dateline: 'Brussels',
    section: 'politics',
    tags: ['european-commission', 'european-parliament'],
    authors: ['matthieu-roux'],
    image: photo(
      'berlaymont-building',
      'The cross-shaped Berlaymont building with EU flags in front',
      'The Berlaymont, headquarters of the European Commission.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'The European Commission presented its work programme for next year on Tuesday, promising to withdraw 37 pending legislative proposals and to simplify reporting rules for companies in what officials called "the biggest clean-up in a generation".',
      ),
      p(
        'The programme focuses on competitiveness, defence industry and energy prices, following a report by a former central banker that warned the EU was falling behind the United States and China.',
      ),
      p(
        'Business groups welcomed the plan. Environmental organisations and the Greens in the European Parliament said the "simplification" agenda was being used to weaken climate and supply-chain rules agreed only a few years ago.',
      ),
      p(
        'The Parliament and the Council must now agree on which proposals to drop. Several of those on the list have been stuck for years.',
      ),
    ],
    status: 'published',
    hours_ago: 580,
  },

  {
    slug: 'bosnia-constitutional-reform-talks',
    headline: 'Bosnia’s leaders agree to restart talks on constitutional reform',
    standfirst:
      'Under EU and US pressure, the three main parties will negotiate changes to the electoral law required by the European Court of Human Rights.',
    dateline: 'Sarajevo',
    section: 'europe',
    tags: ['balkans', 'enlargement', 'human-rights'],
    authors: ['ana-cosic', 'elena-varga'],
    image: photo(
      'sarajevo-presidency-building',
      'An ornate yellow Austro-Hungarian building with a small crowd in front',
      'The Presidency building in Sarajevo.',
      'Balkan Photo Agency/Miloš Petrović',
      false,
    ),
    body: [
      p(
        'The leaders of Bosnia and Herzegovina’s main Bosniak, Serb and Croat parties agreed on Thursday to restart negotiations on changes to the country’s constitution and electoral law, at a meeting hosted by EU and US envoys in Sarajevo.',
      ),
      p(
        'The European Court of Human Rights has ruled repeatedly that Bosnia’s constitution discriminates against citizens who do not identify as one of the three "constituent peoples", such as Jews and Roma, who cannot stand for the presidency. The rulings, the first of which dates from 2009, have never been implemented.',
      ),
      p(
        'Implementing them is one of the conditions for Bosnia to advance towards EU membership. Diplomats said the chances of a deal before the next election were slim, but that the mere agreement to talk was a change after years of boycotts.',
      ),
      quote('We have had many fresh starts in Bosnia. What we need is one that finishes.', 'A Western diplomat in Sarajevo'),
    ],
    status: 'published',
    hours_ago: 620,
  },

  {
    slug: 'greece-heat-and-tourism-season',
    headline: 'Greece rethinks its tourist season as summers grow hotter',
    standfirst:
      'The tourism ministry wants to spread visitors into spring and autumn, after a summer of wildfires and closures at the Acropolis.',
    dateline: 'Athens',
    section: 'europe',
    tags: ['climate'],
    authors: ['marta-ferreira'],
    image: photo(
      'acropolis-heat',
      'Tourists with umbrellas walking up to the Parthenon under a bright sun',
      'Visitors shelter from the sun on the Acropolis in July.',
      'Aegean Press/Nikos Papadakis',
      false,
    ),
    body: [
      p(
        'Greece’s tourism ministry has presented a plan to move part of the country’s visitor traffic into spring and autumn, after a summer in which heatwaves forced the Acropolis to close at midday on eleven days and wildfires led to evacuations on three islands.',
      ),
      p(
        'The plan includes lower museum prices outside the peak months, incentives for airlines to add routes in October and November, and funding for hotels that stay open through the winter.',
      ),
      p(
        'Tourism accounts for about a fifth of the Greek economy. Hoteliers on the islands said they supported the idea but doubted that families tied to school holidays would change their habits.',
      ),
      p(
        '"The sea is still warm in October. The problem is that nobody in northern Europe believes it," said Eleni Markou, who runs a small hotel on Naxos.',
      ),
    ],
    status: 'published',
    hours_ago: 660,
  },

  {
    slug: 'eu-india-trade-agreement-concluded',
    headline: 'EU and India conclude trade talks after 18 years',
    standfirst: 'The agreement cuts tariffs on cars, wine and machinery, but leaves out agriculture and public procurement.',
    dateline: 'New Delhi',
    section: 'world',
    tags: ['trade', 'diplomacy'],
    authors: ['matthieu-roux', 'sofia-lindqvist'],
    image: photo(
      'new-delhi-trade-signing',
      'Officials applauding on a stage in front of a banner in English and Hindi',
      'EU and Indian negotiators mark the end of the talks in New Delhi.',
      'Subcontinent Wire/Arjun Mehta',
      false,
    ),
    body: [
      p(
        'The European Union and India concluded negotiations on a free-trade agreement on Friday, eighteen years after talks first began, in a deal that both sides described as a strategic signal as much as an economic one.',
      ),
      p(
        'India will cut its tariffs on European cars from more than 100 per cent to 10 per cent over ten years, within an annual quota, and phase out duties on wine, spirits and most machinery. The EU will remove tariffs on Indian textiles, leather and pharmaceuticals.',
      ),
      p(
        'Agriculture, public procurement and most investment protection were left out, to be negotiated separately. Indian officials also secured a review of how the EU’s carbon border tax will apply to Indian steel.',
      ),
      p('The agreement must still be approved by the Council and the European Parliament, a process that could take more than a year.'),
    ],
    status: 'published',
    hours_ago: 700,
  },

  {
    slug: 'kazakhstan-courts-european-energy-investors',
    headline: 'Kazakhstan courts European investors for green hydrogen',
    kind: 'sponsored',
    standfirst: 'Astana wants to become a supplier of clean fuels to Europe, but the route west runs through Russia or across the Caspian.',
    dateline: 'Astana',
    section: 'world',
    tags: ['energy', 'diplomacy', 'trade'],
    authors: ['elena-varga'],
    image: photo(
      'astana-skyline',
      'A modern city skyline with a tall tower topped by a golden sphere',
      'The Bayterek tower in Astana.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'Kazakhstan hosted European energy companies and officials at an investment forum in Astana this week, pitching vast wind and solar projects on the steppe that would produce hydrogen and ammonia for export to Europe.',
      ),
      p(
        'The largest project, backed by a German-Swedish consortium, envisages 20 gigawatts of renewable capacity in the west of the country. Its promoters say it could be producing by the early 2030s.',
      ),
      p(
        'The obstacle is geography. Existing export routes pass through Russia, which European buyers want to avoid. The alternative — the so-called Middle Corridor across the Caspian Sea, Azerbaijan and Georgia — needs billions in investment in ports, railways and pipelines.',
      ),
      p(
        'Having worked on Central Asia as a diplomat, I have heard such promises before. What is different now is that both sides need them to be true: Kazakhstan wants to escape Moscow’s shadow without provoking it, and Europe needs sources of energy that cannot be switched off by the Kremlin.',
      ),
    ],
    status: 'published',
    hours_ago: 760,
  },

  {
    slug: 'film-about-fall-of-yugoslavia-breaks-box-office-records',
    headline: 'A film about the last summer of Yugoslavia becomes a regional hit',
    kind: 'review',
    standfirst:
      'A comedy-drama about a football team in 1991 has sold more tickets across the former Yugoslavia than any local film in twenty years.',
    dateline: 'Belgrade',
    section: 'culture',
    tags: ['film', 'balkans'],
    authors: ['ana-cosic'],
    image: photo(
      'last-summer-film-still',
      'Young men in old-fashioned football kit laughing on a dusty pitch',
      'A still from “The Last Summer”, which has been seen by more than a million people.',
      'Courtesy of the distributor',
      false,
    ),
    body: [
      p(
        '"The Last Summer", a comedy-drama about a small-town football team in the months before the wars of the 1990s, has sold more than a million tickets in Serbia, Croatia, Bosnia and Herzegovina, Slovenia, Montenegro and North Macedonia — the biggest regional success for a local film in two decades.',
      ),
      p(
        'The film follows a team of young players from different backgrounds as they chase a cup final while the country falls apart around them. Its director, Nikola Ilić, was eight years old in 1991.',
      ),
      p(
        '"I wanted to make a film that my parents and my children could watch together, and that people in Zagreb and in Belgrade could laugh at in the same places," Ilić said in an interview.',
      ),
      p(
        'Some critics have accused the film of nostalgia for a country that did not treat everyone well. Audiences do not seem to mind: in Sarajevo, screenings have sold out for six weeks.',
      ),
    ],
    status: 'published',
    hours_ago: 820,
  },

  {
    slug: 'danube-grain-exports-record',
    headline: 'Ukrainian grain exports via the Danube reach a record',
    standfirst: 'The river ports of Izmail and Reni handled more grain in October than in any month since the war began.',
    dateline: 'Izmail',
    section: 'business',
    tags: ['ukraine', 'trade', 'agriculture'],
    authors: ['lukasz-wrobel'],
    image: photo(
      'izmail-grain-port',
      'Grain barges moored along a wide river with cranes on the bank',
      'Barges loaded with grain at the port of Izmail on the Danube.',
      STAFF_JANSEN,
      true,
    ),
    body: [
      p(
        'Ukraine’s Danube ports of Izmail and Reni shipped 2.6 million tonnes of grain and oilseeds in October, the highest monthly volume since the full-scale invasion, according to the country’s infrastructure ministry.',
      ),
      p(
        'Barges carry the grain down the river to the Romanian port of Constanța, where it is loaded onto ocean-going ships. The route has become a vital alternative to the Black Sea ports near Odesa, which have been repeatedly hit by Russian missiles and drones.',
      ),
      p(
        'Romanian farmers have complained that Ukrainian grain is depressing local prices, and the government in Bucharest has introduced a licensing system for imports. Transit shipments are not affected.',
      ),
      p(
        '"Every tonne that leaves through here is a tonne that feeds someone in Egypt or Indonesia, and pays a salary in Ukraine," said the Izmail port director.',
      ),
    ],
    status: 'published',
    hours_ago: 900,
  },

  {
    slug: 'eu-summit-adopts-new-russia-sanctions-package',
    headline: 'EU summit adopts new sanctions package against Russia',
    standfirst: 'Leaders approved the package after Slovakia lifted its veto in exchange for assurances on gas supplies.',
    dateline: 'Brussels',
    section: 'europe',
    tags: ['sanctions', 'russia', 'eu-council', 'energy'],
    authors: ['matthieu-roux', 'elena-varga'],
    image: photo(
      'european-council-summit',
      'EU leaders gathered around a large round table in a bright meeting room',
      'EU leaders at the European Council summit in Brussels.',
      'EuroWire/Petr Holub',
      false,
    ),
    body: [
      p(
        'EU leaders adopted a new package of sanctions against Russia at a summit in Brussels on Thursday night, after Slovakia dropped its objections in exchange for commitments on the security of its gas supplies.',
      ),
      p(
        'The package adds 120 tankers of Russia’s shadow fleet to the EU’s list, bans transactions with several banks in third countries accused of helping Russia evade sanctions, and lowers the price cap on Russian crude oil.',
      ),
      p(
        'Slovakia had held up the package for three weeks, arguing that the planned phase-out of Russian gas imports threatened its economy. The Commission promised to help finance alternative supplies and to review the timetable if prices spike.',
      ),
      p(
        '"Unanimity is slow, and it is expensive, but in the end it works," said one diplomat, summing up a summit that ran until after 2 a.m.',
      ),
    ],
    status: 'published',
    hours_ago: 1000,
  },

  // Embargoed: scheduled two days ahead, must not be public yet.
  {
    slug: 'commission-to-unveil-defence-industry-plan',
    headline: 'Commission to unveil €150bn plan to expand Europe’s defence industry',
    standfirst:
      'The proposal would let the EU borrow jointly to finance weapons production, a step several northern countries have long opposed.',
    dateline: 'Brussels',
    section: 'politics',
    tags: ['defence', 'european-commission', 'nato'],
    authors: ['matthieu-roux'],
    image: photo(
      'defence-factory-line',
      'Workers on an assembly line handling artillery shell casings',
      'An artillery shell production line in central Europe.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'The European Commission will on Wednesday propose a €150bn programme of joint borrowing to finance the expansion of Europe’s defence industry, according to a draft seen by The European Daily.',
      ),
      p(
        'The money would be lent to member states for joint purchases of air defence, ammunition, drones and other equipment, with a preference for products made in the EU, Norway and Ukraine.',
      ),
      p(
        'Germany and the Netherlands, which have long opposed joint debt, have signalled that they could accept it for defence, but want strict conditions. The proposal will be discussed by leaders at their December summit.',
      ),
      p(
        'The plan also includes measures to speed up permits for new factories and to allow defence projects to draw on EU cohesion funds.',
      ),
    ],
    status: 'scheduled',
    hours_ago: -48,
  },

  // A draft: not published, and must not appear anywhere public.
  {
    slug: 'draft-transnistria-winter-crisis',
    headline: 'DRAFT — Transnistria braces for a winter without Russian gas',
    standfirst: 'Working draft: to be checked against the energy ministry’s figures before publication.',
    dateline: null,
    section: 'world',
    tags: ['energy', 'russia'],
    authors: ['elena-varga'],
    image: null,
    body: [
      p('Residents of Tiraspol are preparing for a second winter without Russian gas. [Add quotes from the interviews on Monday.]'),
      p('Figures to confirm: number of households on electric heating; price of the Moldovan supply.'),
      p('Background on the 1992 war and the Russian troops still stationed in the region.'),
      p('Ending: what Chișinău is offering, and whether anyone in Tiraspol is listening.'),
    ],
    status: 'draft',
    hours_ago: 0,
  },
  // ---- the newsroom in other languages ---------------------------------------------------------
  // Each version of a story is its own article (own slug, status and time) in the same
  // translation group, joined with `translation_of`. Section and tag names come in each language.

  // The key story in French.
  {
    slug: 'les-emissaires-de-l-ue-et-de-la-russie-reprennent-les-pourparlers-a-geneve',
    language: 'fr',
    translation_of: 'eu-and-russian-envoys-resume-talks-in-geneva',
    headline: 'Les émissaires de l’UE et de la Russie reprennent les pourparlers à Genève après dix-huit mois de gel',
    standfirst:
      'De hauts diplomates se sont réunis pendant six heures dans une villa au bord du lac, le premier contact direct à ce niveau depuis l’échec du dernier cycle. Personne n’a promis de percée — mais les deux parties ont accepté de se revoir.',
    dateline: 'Genève',
    section: 'europe',
    tags: ['diplomacy', 'russia', 'sanctions', 'ukraine'],
    authors: ['elena-varga', 'david-okafor'],
    image: photo(
      'geneva-talks-villa',
      'Deux délégations assises face à face à une longue table, dans une salle lambrissée donnant sur le lac Léman',
      'Les délégations européenne et russe au début de la séance de mardi à la Villa Rosenthal, au bord du lac Léman.',
      POOL_NOVAK,
      false,
    ),
    body: [
      p(
        'De hauts émissaires de l’Union européenne et de la Russie se sont assis à la même table à ',
        strong('Genève'),
        ' mardi, pour la première fois en dix-huit mois, ouvrant ce que les deux parties ont soigneusement qualifié de discussions « exploratoires » sur les échanges de prisonniers, la sûreté nucléaire et — plus discrètement — l’avenir du régime de ',
        em('sanctions'),
        '. Deux diplomates informés de l’ordre du jour, qui ont requis l’anonymat parce que les discussions sont confidentielles, ont indiqué que les émissaires avaient passé en revue quatre points, détaillés ci-dessous.',
      ),
      p(
        'La délégation européenne était conduite par Karin Holmberg, l’envoyée spéciale de l’Union pour l’Europe orientale, une diplomate suédoise qui avait négocié le corridor céréalier de 2022. En face siégeait Arkady Vetrov, vice-ministre des Affaires étrangères, réputé à Bruxelles pour être un négociateur dur mais prévisible. La Suisse a accueilli la rencontre à la Villa Rosenthal, une propriété discrète appartenant au canton, plutôt qu’au Palais des Nations, où attendent les caméras. La séance devait durer trois heures ; elle en a duré six. Des diplomates des deux camps ont relevé que personne n’avait élevé la voix, ce qui, dans le climat actuel, passe pour un ',
        em('progrès'),
        '.',
      ),
      quote(
        'La réunion d’aujourd’hui est un premier pas, pas un tournant. La position de l’Union européenne sur la souveraineté et l’intégrité territoriale de l’Ukraine est inchangée, tout comme notre politique de sanctions. Nous sommes venus à Genève pour écouter, et pour vérifier s’il existe une base sur laquelle construire.',
        'Inès Duval, porte-parole du Service européen pour l’action extérieure',
      ),
      h2('Qu’y a-t-il sur la table ?'),
      bullets(
        'Un échange progressif de civils détenus et de prisonniers de guerre, sous la supervision du Comité international de la Croix-Rouge.',
        'Des garanties de sûreté autour de la centrale nucléaire de Zaporijjia, dans le prolongement des inspections de l’Agence internationale de l’énergie atomique.',
        'Des garanties pour la navigation commerciale en mer Noire, y compris les règles d’assurance et d’inspection.',
        [
          { text: 'Les demandes russes de déblocage des avoirs gelés de la banque centrale — qui, selon Bruxelles, ne sont ' },
          { text: 'pas', marks: ['strong'] },
          { text: ' négociables.' },
        ],
      ),
      figure(
        photo(
          'geneva-talks-arrival',
          'Karin Holmberg passe devant des policiers suisses en se dirigeant vers l’entrée d’une villa en pierre',
          'Karin Holmberg, l’envoyée spéciale de l’UE, arrive à la Villa Rosenthal mardi matin.',
          POOL_NOVAK,
          false,
        ),
      ),
      h2('Pourquoi maintenant ?'),
      p(
        'Le calendrier doit beaucoup à l’échange de prisonniers négocié il y a dix jours par des responsables suisses et turcs. Cet accord, selon plusieurs diplomates, a montré qu’un canal étroit pouvait fonctionner alors même que la relation dans son ensemble reste figée. Le département fédéral des Affaires étrangères, qui tente depuis un an de renouer avec son rôle de ',
        em('facilitateur'),
        ', a proposé le lieu en quelques jours.',
      ),
      p(
        'Toutes les capitales ne sont pas à l’aise. La Pologne et les pays baltes ont demandé — et obtenu — l’assurance écrite que rien de ce qui serait convenu à Genève ne toucherait aux paquets de sanctions sans une décision unanime du Conseil. « Nous ne sommes pas contre le dialogue. Nous sommes contre le fait de nous convaincre nous-mêmes de faire des concessions », a déclaré Tomasz Zieliński, haut diplomate polonais, en marge d’une réunion à Bruxelles. À Kyiv, les responsables ont salué le volet humanitaire mais se sont montrés directs sur le reste. L’Ukraine n’était pas à la table à Genève, et son ministère des Affaires étrangères a fait savoir qu’il n’accepterait aucun arrangement sur le territoire ukrainien, ou sur des avoirs ukrainiens, négocié en son absence.',
      ),
      p(
        'Les émissaires sont convenus de se retrouver en janvier, de nouveau à Genève. Aucune des deux parties n’a publié de déclaration commune — un détail qui, pour ceux qui suivent ces discussions depuis des années, en disait presque autant que les six heures elles-mêmes.',
      ),
    ],
    status: 'published',
    hours_ago: 1.5,
  },

  // The key story in Dutch.
  {
    slug: 'gezanten-van-eu-en-rusland-hervatten-gesprekken-in-geneve',
    language: 'nl',
    translation_of: 'eu-and-russian-envoys-resume-talks-in-geneva',
    headline: 'Gezanten van EU en Rusland hervatten gesprekken in Genève na anderhalf jaar stilstand',
    standfirst:
      'Hoge diplomaten zaten zes uur samen in een villa aan het meer, het eerste rechtstreekse contact op dit niveau sinds de vorige ronde op niets uitliep. Geen van beide kanten beloofde een doorbraak, maar ze spraken wel af elkaar opnieuw te zien.',
    dateline: 'Genève',
    section: 'europe',
    tags: ['diplomacy', 'russia', 'sanctions', 'ukraine'],
    authors: ['elena-varga', 'david-okafor'],
    image: photo(
      'geneva-talks-villa',
      'Twee delegaties tegenover elkaar aan een lange tafel in een met hout betimmerde zaal met uitzicht op het Meer van Genève',
      'De Europese en de Russische delegatie bij het begin van de zitting van dinsdag in Villa Rosenthal, aan de oever van het Meer van Genève.',
      POOL_NOVAK,
      false,
    ),
    body: [
      p(
        'Hoge gezanten van de Europese Unie en Rusland zaten dinsdag in ',
        strong('Genève'),
        ' voor het eerst in achttien maanden aan dezelfde tafel. Beide partijen noemden het zorgvuldig ‘verkennende’ gesprekken, over gevangenenruil, nucleaire veiligheid en – minder luid – de toekomst van de ',
        em('sancties'),
        '. Twee diplomaten die over de agenda zijn ingelicht en die anoniem wilden blijven omdat de gesprekken vertrouwelijk zijn, zeggen dat de gezanten vier punten hebben besproken. Die staan hieronder.',
      ),
      p(
        'De Europese delegatie werd geleid door Karin Holmberg, de speciale gezant van de EU voor Oost-Europa, een Zweedse diplomaat die in 2022 over de graancorridor onderhandelde. Tegenover haar zat Arkady Vetrov, onderminister van Buitenlandse Zaken, in Brussel bekend als een harde maar voorspelbare onderhandelaar. Zwitserland ontving de delegaties in Villa Rosenthal, een onopvallend pand van het kanton, en niet in het Palais des Nations van de VN, waar de camera’s staan te wachten. De zitting zou drie uur duren en duurde er zes. Diplomaten van beide kanten zeiden dat er niet was geschreeuwd, wat in het huidige klimaat al als ',
        em('vooruitgang'),
        ' geldt.',
      ),
      quote(
        'De bijeenkomst van vandaag was een eerste stap, geen keerpunt. Het standpunt van de Europese Unie over de soevereiniteit en de territoriale integriteit van Oekraïne is ongewijzigd, en dat geldt ook voor ons sanctiebeleid. We zijn naar Genève gekomen om te luisteren, en om na te gaan of er iets is om op voort te bouwen.',
        'Inès Duval, woordvoerder van de Europese Dienst voor Extern Optreden',
      ),
      h2('Wat ligt er op tafel?'),
      bullets(
        'Een geleidelijke uitwisseling van vastgehouden burgers en krijgsgevangenen, onder toezicht van het Internationaal Comité van het Rode Kruis.',
        'Veiligheidsafspraken rond de kerncentrale van Zaporizja, voortbouwend op de inspecties van het Internationaal Atoomenergieagentschap.',
        'Garanties voor de koopvaardij op de Zwarte Zee, met regels voor verzekering en inspectie.',
        [
          { text: 'Russische eisen om de bevroren tegoeden van de centrale bank vrij te geven – waarover volgens Brussel ' },
          { text: 'niet', marks: ['strong'] },
          { text: ' te praten valt.' },
        ],
      ),
      figure(
        photo(
          'geneva-talks-arrival',
          'Karin Holmberg loopt langs Zwitserse agenten naar de ingang van een stenen villa',
          'Karin Holmberg, de speciale gezant van de EU, komt dinsdagochtend aan bij Villa Rosenthal.',
          POOL_NOVAK,
          false,
        ),
      ),
      h2('Waarom nu?'),
      p(
        'Het moment heeft veel te maken met de gevangenenruil die Zwitserse en Turkse functionarissen tien dagen geleden tot stand brachten. Die deal liet volgens verschillende diplomaten zien dat een smal kanaal kan werken, ook al blijft de bredere relatie bevroren. Het Zwitserse ministerie van Buitenlandse Zaken, dat al een jaar probeert zijn rol als ',
        em('facilitateur'),
        ' nieuw leven in te blazen, bood binnen enkele dagen een locatie aan.',
      ),
      p(
        'Niet elke hoofdstad voelt zich daar prettig bij. Polen en de Baltische staten vroegen – en kregen – de schriftelijke verzekering dat niets wat in Genève wordt afgesproken de sanctiepakketten raakt zonder een unaniem besluit van de Raad. ‘We zijn niet tegen praten. We zijn ertegen dat we onszelf tot toegevingen praten,’ zei Tomasz Zieliński, een hoge Poolse diplomaat, in de marge van een vergadering in Brussel. In Kyiv verwelkomden functionarissen het humanitaire spoor, maar over de rest waren ze onomwonden. Oekraïne zat in Genève niet aan tafel, en het ministerie van Buitenlandse Zaken liet weten geen enkele regeling te aanvaarden over Oekraïens grondgebied of Oekraïense tegoeden die zonder Oekraïne is uitonderhandeld.',
      ),
      p(
        'De gezanten spraken af elkaar in januari opnieuw te zien, weer in Genève. Een gezamenlijke verklaring kwam er niet – een klein detail dat voor wie deze gesprekken al jaren volgt bijna evenveel zei als de zes uur zelf.',
      ),
    ],
    status: 'published',
    hours_ago: 1,
  },

  // The Baltic grid story in French and in Dutch.
  {
    slug: 'les-pays-baltes-constituent-une-reserve-d-electricite-pour-l-hiver',
    language: 'fr',
    translation_of: 'baltic-states-build-winter-power-reserve',
    headline: 'Les pays baltes constituent une réserve d’électricité pour l’hiver, leur réseau livré à lui-même',
    standfirst:
      'Un an après s’être déconnectés du réseau contrôlé par la Russie, l’Estonie, la Lettonie et la Lituanie accumulent des capacités en prévision de la première vague de froid.',
    dateline: 'Vilnius',
    section: 'business',
    tags: ['energy', 'russia'],
    authors: ['sofia-lindqvist'],
    image: photo(
      'baltic-grid-substation',
      'Un poste électrique à haute tension sous la neige, des pylônes à l’arrière-plan',
      'Un poste près de Vilnius qui relie la Lituanie au réseau polonais.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'Les gestionnaires de réseau des trois États baltes ont signé des contrats portant sur 900 mégawatts de capacité de réserve pour l’hiver qui vient, le plus gros achat de ce type depuis que la région s’est synchronisée avec le réseau continental européen et a quitté l’ancien anneau hérité de l’époque soviétique.',
      ),
      p(
        'La réserve, composée de centrales au gaz, de grandes batteries et d’un dispositif d’effacement avec des industriels, doit couvrir pendant 48 heures au plus la perte de la plus grosse unité du système. « Nous avons prévu le pire jour, pas le jour moyen », explique Rūta Kazlauskienė, qui dirige la planification du système chez le gestionnaire de transport lituanien.',
      ),
      p(
        'Le coût — environ 210 millions d’euros, partagé entre les trois pays et en partie couvert par des fonds européens — apparaîtra sur les factures des ménages, même si les régulateurs s’attendent à une hausse modeste. Selon les analystes, le plus grand risque n’est pas une pénurie d’électricité mais le sabotage des câbles sous-marins qui relient les pays baltes à la Finlande et à la Suède ; deux d’entre eux ont été endommagés l’hiver dernier.',
      ),
      h2('Des câbles sous surveillance'),
      p(
        'Des navires de l’OTAN patrouillent désormais le long des principaux tracés de câbles en mer Baltique, et les gestionnaires ont prévu une capacité de secours sur la liaison terrestre avec la Pologne. Ce n’est pas une réponse parfaite, reconnaît un responsable, mais la région est bien mieux armée qu’il y a trois ans.',
      ),
    ],
    status: 'published',
    hours_ago: 4,
  },
  {
    slug: 'baltische-staten-leggen-stroomreserve-aan-voor-de-winter',
    language: 'nl',
    translation_of: 'baltic-states-build-winter-power-reserve',
    headline: 'Baltische staten leggen stroomreserve aan nu hun net er alleen voor staat',
    standfirst:
      'Een jaar nadat ze zich loskoppelden van het door Rusland gecontroleerde net, leggen Estland, Letland en Litouwen capaciteit opzij voor de eerste koudegolf.',
    dateline: 'Vilnius',
    section: 'business',
    tags: ['energy', 'russia'],
    authors: ['sofia-lindqvist'],
    image: photo(
      'baltic-grid-substation',
      'Een hoogspanningsstation onder de sneeuw met hoogspanningsmasten op de achtergrond',
      'Een station bij Vilnius dat Litouwen verbindt met het Poolse net.',
      STAFF_BERG,
      true,
    ),
    body: [
      p(
        'De netbeheerders van de drie Baltische staten hebben contracten getekend voor 900 megawatt aan reservecapaciteit voor de komende winter, de grootste aankoop van die soort sinds de regio zich aansloot bij het continentale Europese net en de oude ring uit de Sovjettijd verliet.',
      ),
      p(
        'De reserve bestaat uit gascentrales, grote batterijen en een regeling waarbij industriële gebruikers hun verbruik terugschroeven, en moet het uitvallen van de grootste eenheid in het systeem tot 48 uur lang opvangen. ‘We hebben gepland voor de slechtste dag, niet voor een gemiddelde,’ zegt Rūta Kazlauskienė, hoofd systeemplanning bij de Litouwse transmissienetbeheerder.',
      ),
      p(
        'De kosten – ongeveer 210 miljoen euro, gedeeld door de drie landen en deels betaald uit EU-fondsen – komen op de energierekening van huishoudens terecht, al verwachten de toezichthouders een kleine stijging. Volgens analisten is het grootste risico niet een tekort aan stroom, maar sabotage van de onderzeese kabels die de Baltische staten met Finland en Zweden verbinden; twee daarvan raakten vorige winter beschadigd.',
      ),
      h2('Kabels in het oog gehouden'),
      p(
        'Schepen van de NAVO patrouilleren nu langs de belangrijkste kabelroutes in de Oostzee, en de netbeheerders hebben extra capaciteit ingebouwd in de landverbinding met Polen. Het is geen perfect antwoord, geeft een functionaris toe, maar de regio staat er veel beter voor dan drie jaar geleden.',
      ),
    ],
    status: 'published',
    hours_ago: 4.5,
  },

  // Stories of their own, in French, Dutch and German.
  {
    slug: 'le-reglement-europeen-sur-les-emballages-s-applique-des-lundi',
    language: 'fr',
    headline: 'Le règlement européen sur les emballages s’applique dès lundi : ce qui change pour les commerces belges',
    standfirst:
      'Fin des suremballages, consigne élargie, objectifs de réemploi : les détaillants bruxellois découvrent un texte adopté il y a deux ans et dont les premières obligations entrent en vigueur.',
    dateline: 'Bruxelles',
    section: 'europe',
    tags: ['european-commission', 'climate', 'trade'],
    authors: ['matthieu-roux'],
    image: null,
    body: [
      p(
        'Le ',
        strong('règlement'),
        ' européen sur les emballages et les déchets d’emballages entre lundi dans sa première phase d’application. Pour les commerces de détail de Bruxelles et de Wallonie, le changement le plus visible sera l’interdiction des emballages « à vide excessif » : un colis ne pourra plus contenir plus de moitié d’air ou de calage.',
      ),
      p(
        'Adopté en 2024 après de longues négociations entre le Parlement et les États membres, le texte remplace une directive vieille de trente ans. À la différence d’une directive, un règlement s’applique tel quel dans les vingt-sept pays, sans transposition : les mêmes règles valent donc à Bruxelles, à Lille et à Maastricht.',
      ),
      h2('Ce qui change tout de suite'),
      bullets(
        'Les suremballages destinés à donner l’illusion d’un produit plus volumineux sont interdits.',
        'Les producteurs doivent indiquer, par un étiquetage harmonisé, dans quelle poubelle jeter chaque emballage.',
        'Les États doivent présenter un plan pour atteindre 90 % de collecte séparée des bouteilles en plastique et des canettes.',
      ),
      p(
        '« Pour nous, le plus dur n’est pas la règle, c’est le calendrier », résume Nadia Lambert, qui tient une épicerie fine à Ixelles et commande ses produits auprès d’une trentaine de fournisseurs. « Certains sont prêts, d’autres n’ont jamais entendu parler du règlement. » La fédération belge du commerce demande une période de tolérance de six mois ; la Commission répond que les entreprises ont eu deux ans pour se préparer.',
      ),
      p(
        'Les objectifs de réemploi, plus ambitieux, n’arriveront qu’en 2030. D’ici là, la plupart des consommateurs ne remarqueront guère qu’une chose : des boîtes un peu plus petites.',
      ),
    ],
    status: 'published',
    hours_ago: 7,
  },
  {
    slug: 'antwerpse-haven-opent-terminal-voor-groene-waterstof',
    language: 'nl',
    headline: 'Haven van Antwerpen-Brugge opent eerste terminal voor groene waterstof',
    standfirst:
      'De terminal moet vanaf volgend jaar ammoniak uit Oman en Namibië ontvangen. Critici vragen zich af of de vraag van de Belgische industrie snel genoeg groeit.',
    dateline: 'Antwerpen',
    section: 'business',
    tags: ['energy', 'climate', 'trade'],
    authors: ['sofia-lindqvist'],
    image: null,
    body: [
      p(
        'De haven van Antwerpen-Brugge heeft donderdag haar eerste terminal voor de invoer van groene waterstof in gebruik genomen. De installatie op de linkeroever kan per jaar tot een miljoen ton ammoniak ontvangen, de vorm waarin waterstof het makkelijkst over zee wordt vervoerd.',
      ),
      p(
        'De eerste ladingen worden volgend voorjaar verwacht, uit zonneparken in Oman. Later moet ook Namibië leveren. ‘België heeft niet genoeg zon en wind om zijn chemische industrie zelf groen te maken,’ zei havenschepen Liesbeth Vermeulen bij de opening. ‘Dus halen we de energie naar hier, zoals we dat altijd met olie en gas hebben gedaan.’',
      ),
      h2('Vraag blijft onzeker'),
      p(
        'Of de terminal snel vol zal raken, is niet zeker. Grote afnemers in de chemische cluster van de haven hebben intentieverklaringen getekend, maar nog weinig vaste contracten. Groene waterstof is nog altijd twee tot drie keer zo duur als waterstof uit aardgas, en de Europese steunregeling die het verschil moet overbruggen, is pas voor een deel ingevuld.',
      ),
      p(
        'Milieuorganisaties zijn verdeeld. Sommigen noemen de terminal een noodzakelijke stap om de uitstoot van de zware industrie terug te dringen; anderen waarschuwen dat de bouw van dure invoerinfrastructuur de aandacht afleidt van besparing en elektrificatie, die sneller en goedkoper zijn.',
      ),
    ],
    status: 'published',
    hours_ago: 10,
  },
  {
    slug: 'bruessel-und-berlin-streiten-ueber-die-neuen-schuldenregeln',
    language: 'de',
    headline: 'Brüssel und Berlin streiten über die Auslegung der neuen Schuldenregeln',
    standfirst:
      'Die Kommission will mehr Spielraum für Verteidigungsausgaben gewähren, die Bundesregierung pocht auf strenge Obergrenzen. Im Kern geht es um die Frage, was eine Investition ist.',
    dateline: 'Brüssel',
    section: 'politics',
    tags: ['european-commission', 'defence', 'eu-council'],
    authors: ['lukasz-wrobel'],
    image: null,
    body: [
      p(
        'Kaum ein Jahr nach ihrem Inkrafttreten sorgen die reformierten europäischen Schuldenregeln für Streit zwischen ',
        strong('Brüssel'),
        ' und Berlin. Nach Informationen dieser Zeitung will die Europäische Kommission in ihren Leitlinien für das kommende Haushaltsjahr zusätzliche Verteidigungsausgaben weitgehend von den Ausgabenpfaden der Mitgliedstaaten ausnehmen.',
      ),
      p(
        'Das Bundesfinanzministerium lehnt das in einem internen Vermerk ab. „Wer jede neue Ausgabe zur Investition erklärt, hat am Ende keine Regel mehr“, heißt es darin. Mehrere südeuropäische Regierungen unterstützen dagegen den Vorschlag der Kommission, ebenso die baltischen Staaten und Polen, die bereits mehr als drei Prozent ihrer Wirtschaftsleistung für ihre Streitkräfte ausgeben.',
      ),
      h2('Worum es geht'),
      bullets(
        'Die neuen Regeln erlauben längere Anpassungspfade, wenn Staaten Reformen und Investitionen zusagen.',
        'Offen ist, ob Munition und Ausrüstung als Investition gelten – oder nur Forschung und Infrastruktur.',
        'Die Finanzminister sollen im Dezember im Rat darüber beraten.',
      ),
      p(
        'In Brüssel gibt man sich gelassen. „Die Regeln sehen diese Flexibilität ausdrücklich vor“, sagte ein Sprecher der Kommission. Diplomaten rechnen dennoch mit einer schwierigen Sitzung: Eine Einigung braucht eine qualifizierte Mehrheit, und Deutschland hat in der Vergangenheit Verbündete gefunden, wenn es um Haushaltsdisziplin ging.',
      ),
    ],
    status: 'published',
    hours_ago: 12,
  },
  {
    slug: 'stiftung-ehrt-ukrainische-uebersetzerinnen',
    language: 'de',
    headline: 'Ein Preis für die Unsichtbaren: Stiftung ehrt ukrainische Übersetzerinnen',
    standfirst:
      'Drei Übersetzerinnen, die ukrainische Gegenwartsliteratur ins Deutsche, Polnische und Französische gebracht haben, erhalten den neuen Europäischen Übersetzerpreis.',
    dateline: 'Leipzig',
    section: 'culture',
    tags: ['arts', 'ukraine'],
    authors: ['marta-ferreira'],
    image: null,
    body: [
      p(
        'Sie stehen selten auf der Bühne, und ihre Namen finden sich meist nur im Kleingedruckten: Übersetzerinnen und Übersetzer. Eine Stiftung europäischer Verlage will das ändern und hat am Mittwoch in Leipzig zum ersten Mal ihren Europäischen Übersetzerpreis vergeben – an drei Frauen, die seit Jahren ukrainische Literatur in andere Sprachen übertragen.',
      ),
      p(
        'Ausgezeichnet wurden die Berlinerin Katharina Wendt, die Krakauerin Olga Nowak und die in Lyon lebende Iryna Moreau. Gemeinsam haben sie mehr als vierzig Romane, Gedichtbände und Reportagen übersetzt. „Ohne sie wüsste ein großer Teil Europas über die Ukraine nur, was in den Nachrichten steht“, sagte die Jurorin Hanna Berg in ihrer Laudatio.',
      ),
      quote(
        'Übersetzen heißt, eine Stimme so weiterzugeben, dass man sie in einer anderen Sprache wiedererkennt. In diesen Jahren ist das auch eine Art, Menschen zuzuhören, die man sonst überhört.',
        'Iryna Moreau in ihrer Dankesrede',
      ),
      p(
        'Der Preis ist mit 30.000 Euro dotiert, die sich die drei Preisträgerinnen teilen. Er soll künftig jedes Jahr vergeben werden, jeweils für Übersetzungen aus einer kleineren europäischen Sprache.',
      ),
    ],
    status: 'published',
    hours_ago: 30,
  },
]
