"""Data of the sandbox's demo site (see ``manage.py load_demo_data``): an Almaty akimat in ru, kk and en.

Every text is a ``(ru, kk, en)`` tuple. Project titles are built from ``PROJECT_TEMPLATES`` and the
addresses in ``AREAS``: ``{addr}`` is a place in the area's language forms, ``{n}`` a school/clinic number.
All people and phone numbers are invented.
"""

LANGS = ("ru", "kk", "en")

SITE_NAME = "Акимат города Алматы"

HOME = {
    "slug": "home",
    "title": ("Акимат города Алматы", "Алматы қаласының әкімдігі", "Akimat of Almaty"),
    "heading": ("Бюджет участия", "Қатысу бюджеті", "Participatory budget"),
    "text": (
        "<p>Жители Алматы предлагают, как потратить часть городского бюджета: благоустроить двор, "
        "отремонтировать тротуар, открыть кружок. Лучшие проекты определяются голосованием, а за их "
        "реализацией можно следить на этом сайте.</p>",
        "<p>Алматы тұрғындары қала бюджетінің бір бөлігін қалай жұмсауды өздері ұсынады: ауланы абаттандыру, "
        "тротуарды жөндеу, үйірме ашу. Үздік жобалар дауыс беру арқылы анықталады, ал олардың іске асырылуын "
        "осы сайттан бақылауға болады.</p>",
        "<p>Almaty residents propose how to spend part of the city budget: improve a courtyard, repair a "
        "pavement, open a club. The best projects are chosen by a public vote, and you can follow their "
        "implementation on this site.</p>",
    ),
}

# kind "akimat" first: departments name it as their parent.
STATE_BODIES = [
    {
        "slug": "akimat-almaty",
        "kind": "akimat",
        "name": ("Акимат города Алматы", "Алматы қаласының әкімдігі", "Akimat of Almaty"),
        "short_name": ("Акимат", "Әкімдік", "Akimat"),
        "website": "https://www.gov.kz/memleket/entities/almaty",
    },
    {
        "slug": "energy-infrastructure",
        "name": (
            "Управление энергетики и развития городской инфраструктуры города Алматы",
            "Алматы қаласының Энергетика және қалалық инфрақұрылымды дамыту басқармасы",
            "Almaty Department of Energy and Urban Infrastructure Development",
        ),
        "short_name": ("Энергетика и инфраструктура", "Энергетика және инфрақұрылым", "Energy and Infrastructure"),
    },
    {
        "slug": "education",
        "name": ("Управление образования города Алматы", "Алматы қаласының Білім басқармасы", "Almaty Department of Education"),
        "short_name": ("Образование", "Білім", "Education"),
    },
    {
        "slug": "public-health",
        "name": (
            "Управление общественного здравоохранения города Алматы",
            "Алматы қаласының Қоғамдық денсаулық сақтау басқармасы",
            "Almaty Department of Public Health",
        ),
        "short_name": ("Здравоохранение", "Денсаулық сақтау", "Public Health"),
    },
    {
        "slug": "sport",
        "name": (
            "Управление физической культуры и спорта города Алматы",
            "Алматы қаласының Дене шынықтыру және спорт басқармасы",
            "Almaty Department of Physical Culture and Sport",
        ),
        "short_name": ("Спорт", "Спорт", "Sport"),
    },
    {
        "slug": "culture",
        "name": ("Управление культуры города Алматы", "Алматы қаласының Мәдениет басқармасы", "Almaty Department of Culture"),
        "short_name": ("Культура", "Мәдениет", "Culture"),
    },
    {
        "slug": "ecology",
        "name": (
            "Управление экологии и окружающей среды города Алматы",
            "Алматы қаласының Экология және қоршаған орта басқармасы",
            "Almaty Department of Ecology and Environment",
        ),
        "short_name": ("Экология", "Экология", "Ecology"),
    },
    {
        "slug": "employment-social",
        "name": (
            "Управление занятости и социальных программ города Алматы",
            "Алматы қаласының Жұмыспен қамту және әлеуметтік бағдарламалар басқармасы",
            "Almaty Department of Employment and Social Programmes",
        ),
        "short_name": ("Социальные программы", "Әлеуметтік бағдарламалар", "Social Programmes"),
    },
    {
        "slug": "mobility",
        "name": ("Управление мобильности города Алматы", "Алматы қаласының Мобильділік басқармасы", "Almaty Department of Mobility"),
        "short_name": ("Мобильность", "Мобильділік", "Mobility"),
    },
]

# "body": the department usually responsible for projects of the category.
CATEGORIES = [
    {"slug": "courtyards", "body": "energy-infrastructure",
     "name": ("Благоустройство дворов", "Аулаларды абаттандыру", "Courtyard improvement")},
    {"slug": "roads", "body": "mobility", "name": ("Дороги и тротуары", "Жолдар мен тротуарлар", "Roads and pavements")},
    {"slug": "schools", "body": "education",
     "name": ("Школы и детские сады", "Мектептер мен балабақшалар", "Schools and kindergartens")},
    {"slug": "health", "body": "public-health", "name": ("Здравоохранение", "Денсаулық сақтау", "Health")},
    {"slug": "sport", "body": "sport", "name": ("Спорт", "Спорт", "Sport")},
    {"slug": "culture", "body": "culture", "name": ("Культура", "Мәдениет", "Culture")},
    {"slug": "ecology", "body": "ecology", "name": ("Экология и озеленение", "Экология және көгалдандыру", "Ecology and greenery")},
    {"slug": "social-support", "body": "employment-social",
     "name": ("Социальная поддержка", "Әлеуметтік қолдау", "Social support")},
]

# places: (ru, kk, en, lowest number, highest number); ru carries its preposition ("по ул.", "в мкр.").
_MKR = (1, 45)
_STREET = (2, 290)
AREAS = [
    {"slug": "alatau", "name": ("Алатауский район", "Алатау ауданы", "Alatau District"), "places": [
        ("в мкр. Шанырак-2, д. {n}", "Шаңырақ-2 шағын ауданы, {n}", "Block {n}, Shanyrak-2", *_MKR),
        ("в мкр. Айгерим-1, д. {n}", "Әйгерім-1 шағын ауданы, {n}", "Block {n}, Aigerim-1", *_MKR),
        ("в мкр. Саялы, д. {n}", "Саялы шағын ауданы, {n}", "Block {n}, Sayaly", *_MKR),
    ]},
    {"slug": "almaly", "name": ("Алмалинский район", "Алмалы ауданы", "Almaly District"), "places": [
        ("по ул. Толе би, {n}", "Төле би көшесі, {n}", "{n} Tole Bi Street", *_STREET),
        ("по ул. Жамбыла, {n}", "Жамбыл көшесі, {n}", "{n} Zhambyl Street", *_STREET),
        ("по ул. Карасай батыра, {n}", "Қарасай батыр көшесі, {n}", "{n} Karasai Batyr Street", *_STREET),
    ]},
    {"slug": "auezov", "name": ("Ауэзовский район", "Әуезов ауданы", "Auezov District"), "places": [
        ("в мкр. Аксай-4, д. {n}", "Ақсай-4 шағын ауданы, {n}", "Block {n}, Aksai-4", *_MKR),
        ("в мкр. Мамыр-4, д. {n}", "Мамыр-4 шағын ауданы, {n}", "Block {n}, Mamyr-4", *_MKR),
        ("в мкр. Жетысу-2, д. {n}", "Жетісу-2 шағын ауданы, {n}", "Block {n}, Zhetysu-2", *_MKR),
    ]},
    {"slug": "bostandyk", "name": ("Бостандыкский район", "Бостандық ауданы", "Bostandyk District"), "places": [
        ("по ул. Тимирязева, {n}", "Тимирязев көшесі, {n}", "{n} Timiryazev Street", *_STREET),
        ("по ул. Жандосова, {n}", "Жандосов көшесі, {n}", "{n} Zhandosov Street", *_STREET),
        ("в мкр. Орбита-1, д. {n}", "Орбита-1 шағын ауданы, {n}", "Block {n}, Orbita-1", *_MKR),
    ]},
    {"slug": "zhetysu", "name": ("Жетысуский район", "Жетісу ауданы", "Zhetysu District"), "places": [
        ("в мкр. Кулагер, д. {n}", "Құлагер шағын ауданы, {n}", "Block {n}, Kulager", *_MKR),
        ("по ул. Серикова, {n}", "Сериков көшесі, {n}", "{n} Serikov Street", *_STREET),
        ("на пр. Райымбека, {n}", "Райымбек даңғылы, {n}", "{n} Raiymbek Avenue", *_STREET),
    ]},
    {"slug": "medeu", "name": ("Медеуский район", "Медеу ауданы", "Medeu District"), "places": [
        ("по ул. Кабанбай батыра, {n}", "Қабанбай батыр көшесі, {n}", "{n} Kabanbai Batyr Street", *_STREET),
        ("в мкр. Самал-2, д. {n}", "Самал-2 шағын ауданы, {n}", "Block {n}, Samal-2", *_MKR),
        ("по ул. Пушкина, {n}", "Пушкин көшесі, {n}", "{n} Pushkin Street", *_STREET),
    ]},
    {"slug": "nauryzbay", "name": ("Наурызбайский район", "Наурызбай ауданы", "Nauryzbay District"), "places": [
        ("в мкр. Калкаман-2, д. {n}", "Қалқаман-2 шағын ауданы, {n}", "Block {n}, Kalkaman-2", *_MKR),
        ("в мкр. Шугыла, д. {n}", "Шұғыла шағын ауданы, {n}", "Block {n}, Shugyla", *_MKR),
        ("в мкр. Таусамалы, д. {n}", "Таусамалы шағын ауданы, {n}", "Block {n}, Tausamaly", *_MKR),
    ]},
    {"slug": "turksib", "name": ("Турксибский район", "Түрксіб ауданы", "Turksib District"), "places": [
        ("по ул. Майлина, {n}", "Майлин көшесі, {n}", "{n} Mailin Street", *_STREET),
        ("в мкр. Жулдыз-1, д. {n}", "Жұлдыз-1 шағын ауданы, {n}", "Block {n}, Zhuldyz-1", *_MKR),
        ("по ул. Шолохова, {n}", "Шолохов көшесі, {n}", "{n} Sholokhov Street", *_STREET),
    ]},
]

CAMPAIGNS = {
    "open": {
        "slug": "participatory-budget-{year}",
        "title": ("Бюджет участия {year}", "Қатысу бюджеті {year}", "Participatory Budget {year}"),
        "intro": (
            "<p>Жители Алматы предлагают проекты для своих дворов и районов и голосуют за лучшие. "
            "Проекты-победители будут профинансированы из городского бюджета на {next} год.</p>",
            "<p>Алматы тұрғындары өз аулалары мен аудандарына арналған жобаларды ұсынып, ең үздіктеріне дауыс "
            "береді. Жеңімпаз жобалар қаланың {next} жылғы бюджетінен қаржыландырылады.</p>",
            "<p>Almaty residents propose projects for their courtyards and districts and vote for the best. "
            "The winning projects will be funded from the city's {next} budget.</p>",
        ),
    },
    "closed": {
        "slug": "participatory-budget-{year}",
        "title": ("Бюджет участия {year}: итоги", "Қатысу бюджеті {year}: қорытындылар", "Participatory Budget {year}: results"),
        "intro": (
            "<p>Голосование завершено. Здесь опубликованы итоги и ход реализации проектов-победителей: "
            "даты подписания договоров и приёмки работ.</p>",
            "<p>Дауыс беру аяқталды. Мұнда қорытындылар және жеңімпаз жобалардың іске асырылу барысы: "
            "шарттарға қол қойылған және жұмыстар қабылданған күндер жарияланған.</p>",
            "<p>Voting is over. This page publishes the results and the progress of the winning projects: "
            "when contracts were signed and the works accepted.</p>",
        ),
        # Scope set explicitly (the open campaign leaves it empty = everything).
        "categories": ["courtyards", "roads", "schools", "sport", "culture", "ecology"],
        "areas": "all",
    },
}

# Public notes recorded with stage changes; the key is the stage unless a path names another key.
REASONS = {
    "returned": [(
        "Возвращён инициатору на доработку: уточнить смету и адрес.",
        "Бастамашыға пысықтауға қайтарылды: сметаны және мекенжайды нақтылау қажет.",
        "Returned to the initiator for refinement: clarify the estimate and the address.",
    )],
    "rejected": [
        ("Объект находится на частной территории, бюджетные средства на него направить нельзя.",
         "Нысан жеке меншік аумақта орналасқан, оған бюджет қаражатын бөлуге болмайды.",
         "The site is on private land, so budget funds cannot be spent on it."),
        ("Аналогичные работы уже запланированы по городской программе на следующий год.",
         "Осындай жұмыстар келесі жылға арналған қалалық бағдарлама бойынша жоспарланған.",
         "The same works are already scheduled under the city programme for next year."),
        ("Стоимость проекта превышает лимит на один проект бюджета участия.",
         "Жобаның құны қатысу бюджетінің бір жобасына белгіленген лимиттен асады.",
         "The cost exceeds the per-project limit of the participatory budget."),
        ("Проект не относится к компетенции местного исполнительного органа.",
         "Жоба жергілікті атқарушы органның құзыретіне жатпайды.",
         "The project falls outside the powers of the local executive body."),
    ],
    "rejected_voting": [(
        "Во время голосования выяснилось, что участок зарезервирован под строительство школы; комиссия сняла проект с голосования.",
        "Дауыс беру кезінде учаске мектеп құрылысына резервте екені анықталды; комиссия жобаны дауыс беруден алып тастады.",
        "During the vote it emerged that the plot is reserved for a new school; the commission removed the project from the ballot.",
    )],
    "withdrawn": [
        ("Отозван инициатором: жители договорились провести работы за счёт КСК.",
         "Бастамашы қайтарып алды: тұрғындар жұмыстарды ПИК есебінен жүргізуге келісті.",
         "Withdrawn by the initiator: residents agreed to pay for the works through their owners' cooperative."),
        ("Отозван инициатором: проект объединён с похожей заявкой соседнего двора.",
         "Бастамашы қайтарып алды: жоба көрші ауланың ұқсас өтінімімен біріктірілді.",
         "Withdrawn by the initiator: merged with a similar proposal from the neighbouring courtyard."),
        ("Отозван инициатором по личным обстоятельствам.",
         "Бастамашы жеке себептерге байланысты қайтарып алды.",
         "Withdrawn by the initiator for personal reasons."),
    ],
    "approved": [(
        "Проект вошёл в число победителей голосования.",
        "Жоба дауыс беру жеңімпаздарының қатарына енді.",
        "The project is among the winners of the vote.",
    )],
    "not_approved": [(
        "Проект не набрал достаточного числа голосов.",
        "Жоба жеткілікті дауыс жинамады.",
        "The project did not receive enough votes.",
    )],
    "in_implementation": [(
        "Заключён договор с подрядчиком, работы начаты.",
        "Мердігермен шарт жасалып, жұмыстар басталды.",
        "A contract has been signed and the works have started.",
    )],
    "implemented": [(
        "Работы приняты комиссией с участием жителей.",
        "Жұмыстарды тұрғындардың қатысуымен комиссия қабылдады.",
        "The works were accepted by a commission with residents present.",
    )],
}

# Invented initiators (private contact, never shown publicly).
CONTACT_NAMES = [
    "Айгерим Сапарова", "Ерлан Жумабаев", "Наталья Ким", "Данияр Ахметов", "Гульнара Искакова",
    "Сергей Попов", "Мадина Нургалиева", "Арман Касымов", "Елена Ли", "Бауыржан Тулегенов",
]

# cost: range in millions of KZT; n: range of the {n} number; area: fixed area (None = whole city).
PROJECT_TEMPLATES = [
    # -- courtyards -----------------------------------------------------------------------------------
    {"category": "courtyards", "cost": (15, 80),
     "title": ("Благоустройство двора {addr}", "{addr} мекенжайындағы ауланы абаттандыру", "Courtyard improvement at {addr}"),
     "summary": ("Новое асфальтовое покрытие, скамейки, урны и светодиодное освещение во дворе многоэтажного дома.",
                 "Көпқабатты үйдің ауласына жаңа асфальт жабыны, орындықтар, қоқыс жәшіктері және жарық диодты шамдар.",
                 "New asphalt, benches, bins and LED lighting in the courtyard of an apartment block."),
     "body": ("<p>Двор не ремонтировался больше двадцати лет: покрытие разрушено, вечером здесь темно. Жители предлагают "
              "заменить асфальт, установить скамейки, урны и шесть светодиодных опор освещения.</p>",
              "<p>Аула жиырма жылдан астам жөнделмеген: жабыны бұзылған, кешке қараңғы. Тұрғындар асфальтты ауыстыруды, "
              "орындықтар мен қоқыс жәшіктерін және жарық диодты алты шам тірегін орнатуды ұсынады.</p>",
              "<p>The courtyard has not been repaired for over twenty years: the surface is broken and it is dark in the "
              "evening. Residents propose new asphalt, benches, bins and six LED lamp posts.</p>")},
    {"category": "courtyards", "cost": (8, 35),
     "title": ("Детская игровая площадка во дворе {addr}", "{addr} мекенжайындағы аулада балалар ойын алаңы",
               "Children's playground in the courtyard at {addr}"),
     "summary": ("Безопасная площадка с резиновым покрытием, горками и качелями для детей от 3 до 12 лет.",
                 "3 пен 12 жас аралығындағы балаларға арналған резеңке жабынды, сырғанақтары мен әткеншектері бар қауіпсіз алаң.",
                 "A safe playground with rubber surfacing, slides and swings for children aged 3 to 12."),
     "body": ("<p>В доме живут более 150 детей, а старая металлическая площадка травмоопасна. Предлагается демонтировать её "
              "и установить сертифицированный игровой комплекс с ударопоглощающим покрытием и ограждением.</p>",
              "<p>Үйде 150-ден астам бала тұрады, ал ескі темір алаң жарақат алу қаупін тудырады. Оны бөлшектеп, соққыны "
              "сіңіретін жабыны мен қоршауы бар сертификатталған ойын кешенін орнату ұсынылады.</p>",
              "<p>More than 150 children live in the building and the old metal playground is dangerous. The proposal is to "
              "remove it and install a certified play structure with impact-absorbing surfacing and a fence.</p>")},
    {"category": "courtyards", "cost": (12, 60),
     "title": ("Парковочные карманы и озеленение во дворе {addr}", "{addr} мекенжайындағы аулада автотұрақ қалталары мен көгалдандыру",
               "Parking bays and greenery in the courtyard at {addr}"),
     "summary": ("Упорядочить стихийную парковку, освободить проезд для скорой помощи и высадить деревья вдоль дома.",
                 "Ретсіз көлік тұрағын реттеу, жедел жәрдем көлігіне жол ашу және үй бойына ағаш отырғызу.",
                 "Organise haphazard parking, keep the way clear for ambulances and plant trees along the building."),
     "body": ("<p>Машины паркуются на газонах и перекрывают проезд. Проект предусматривает 24 парковочных места в карманах, "
              "бордюры, восстановление газона и посадку 30 деревьев.</p>",
              "<p>Көліктер көгалға тұрып, жолды жауып тастайды. Жоба қалталарда 24 көлік орнын, жиектастарды, көгалды қалпына "
              "келтіруді және 30 ағаш отырғызуды қамтиды.</p>",
              "<p>Cars park on the lawns and block the driveway. The project provides 24 parking spaces in bays, kerbs, a "
              "restored lawn and 30 new trees.</p>")},
    # -- roads ----------------------------------------------------------------------------------------
    {"category": "roads", "cost": (6, 25), "n": (1, 190),
     "title": ("Освещение пешеходного перехода у школы № {n}", "№ {n} мектеп жанындағы жаяу жүргіншілер өткелін жарықтандыру",
               "Lighting for the pedestrian crossing by School No. {n}"),
     "summary": ("Контрастное освещение и светофор Т.7 на нерегулируемом переходе, которым каждый день пользуются ученики.",
                 "Оқушылар күн сайын пайдаланатын реттелмейтін өткелде контрастты жарықтандыру және Т.7 бағдаршамы.",
                 "Contrast lighting and a flashing amber signal at an unregulated crossing that pupils use every day."),
     "body": ("<p>Зимой дети идут в школу затемно, а переход освещён только витриной соседнего магазина. Предлагается "
              "установить две опоры с направленными светильниками, светофор Т.7 и нанести разметку холодным пластиком.</p>",
              "<p>Қыста балалар мектепке қараңғыда барады, ал өткелді тек көршілес дүкеннің витринасы жарықтандырады. "
              "Бағытталған шамдары бар екі тірек, Т.7 бағдаршамын орнату және суық пластикпен белгі сызу ұсынылады.</p>",
              "<p>In winter children walk to school in the dark, and the crossing is lit only by a shop window. The proposal "
              "is two posts with directional lights, a flashing amber signal and cold-plastic road markings.</p>")},
    {"category": "roads", "cost": (10, 90),
     "title": ("Ремонт тротуара {addr}", "{addr} мекенжайындағы тротуарды жөндеу", "Pavement repair at {addr}"),
     "summary": ("Заменить разбитую плитку, убрать перепады высоты и сделать понижения бордюров для колясок.",
                 "Сынған тақтайшаларды ауыстыру, биіктік айырмаларын жою және арбаларға арналған жиектас түсірілімдерін жасау.",
                 "Replace broken paving, level out the steps and lower the kerbs for pushchairs and wheelchairs."),
     "body": ("<p>Тротуар разрушен корнями деревьев, после дождя на нём стоят лужи. Проект включает новое основание, "
              "плитку, водоотвод и три понижения бордюров у переходов.</p>",
              "<p>Тротуарды ағаш тамырлары бұзған, жаңбырдан кейін шалшық тұрады. Жоба жаңа негізді, тақтайшаны, су "
              "бұрғышты және өткелдер жанындағы жиектастың үш түсірілімін қамтиды.</p>",
              "<p>Tree roots have broken up the pavement and puddles stand on it after rain. The project includes a new base, "
              "paving, drainage and three dropped kerbs at the crossings.</p>")},
    {"category": "roads", "cost": (5, 20), "n": (1, 190),
     "title": ("Искусственные неровности и знаки «Дети» у школы № {n}", "№ {n} мектеп жанында жасанды кедір-бұдырлар мен «Балалар» белгілері",
               "Speed humps and “Children” signs by School No. {n}"),
     "summary": ("Снизить скорость машин у школы: две искусственные неровности, знаки на жёлтом фоне и ограждение тротуара.",
                 "Мектеп жанында көлік жылдамдығын азайту: екі жасанды кедір-бұдыр, сары фондағы белгілер және тротуар қоршауы.",
                 "Slow traffic by the school: two speed humps, signs on a yellow background and pavement railings."),
     "body": ("<p>Улицу у школы используют для объезда пробок, водители превышают скорость. Родители просят установить "
              "искусственные неровности, знаки и пешеходное ограждение на 120 метрах.</p>",
              "<p>Мектеп жанындағы көше кептелісті айналып өту үшін пайдаланылады, жүргізушілер жылдамдықты асырады. "
              "Ата-аналар жасанды кедір-бұдырлар, белгілер және 120 метрге жаяу жүргіншілер қоршауын орнатуды сұрайды.</p>",
              "<p>The street by the school is used as a rat run and drivers speed. Parents ask for speed humps, signs and "
              "120 metres of pedestrian railings.</p>")},
    {"category": "roads", "cost": (120, 450), "area": "bostandyk",
     "title": ("Велодорожка вдоль реки Есентай", "Есентай өзенінің бойындағы велосипед жолы", "Cycle path along the Yesentai River"),
     "summary": ("Выделенная велодорожка длиной 3,2 км от пр. Аль-Фараби до ул. Тимирязева с освещением и велопарковками.",
                 "Әл-Фараби даңғылынан Тимирязев көшесіне дейінгі ұзындығы 3,2 км, жарықтандырылған, велотұрақтары бар бөлек велосипед жолы.",
                 "A dedicated 3.2 km cycle path from Al-Farabi Avenue to Timiryazev Street, with lighting and bike racks."),
     "body": ("<p>Вдоль Есентая гуляют тысячи горожан, но велосипедисты делят узкую дорожку с пешеходами. Проект отделяет "
              "велодорожку цветным покрытием, добавляет освещение и пять велопарковок.</p>",
              "<p>Есентай бойында мыңдаған қала тұрғыны серуендейді, бірақ велосипедшілер тар жолды жаяу жүргіншілермен "
              "бөліседі. Жоба велосипед жолын түсті жабынмен бөліп, жарық пен бес велотұрақ қосады.</p>",
              "<p>Thousands of residents walk along the Yesentai, but cyclists share a narrow path with pedestrians. The "
              "project separates a cycle lane with coloured surfacing and adds lighting and five bike racks.</p>")},
    {"category": "roads", "cost": (15, 40), "area": "almaly",
     "title": ("Велопарковки у станций метро «Абай» и «Алмалы»", "«Абай» және «Алмалы» метро бекеттері жанындағы велотұрақтар",
               "Bike parking at the Abay and Almaly metro stations"),
     "summary": ("Крытые велопарковки на 80 мест с видеонаблюдением у двух станций метро.",
                 "Екі метро бекетінің жанында бейнебақылауы бар 80 орындық жабық велотұрақтар.",
                 "Covered, CCTV-monitored parking for 80 bicycles at two metro stations."),
     "body": ("<p>Велосипед удобно совмещать с метро, но оставить его у станции негде. Предлагается установить крытые стойки "
              "на 40 мест у каждой станции и подключить их к городской системе видеонаблюдения.</p>",
              "<p>Велосипедті метромен бірге пайдалану ыңғайлы, бірақ бекет жанында оны қалдыратын орын жоқ. Әр бекеттің "
              "жанына 40 орындық жабық тұғырлар орнатып, оларды қалалық бейнебақылау жүйесіне қосу ұсынылады.</p>",
              "<p>Cycling combines well with the metro, but there is nowhere to leave a bike at the station. The proposal is "
              "covered racks for 40 bicycles at each station, connected to the city's CCTV system.</p>")},
    # -- schools --------------------------------------------------------------------------------------
    {"category": "schools", "cost": (40, 150), "n": (1, 190),
     "title": ("Ремонт актового зала школы № {n}", "№ {n} мектептің мәжіліс залын жөндеу", "Renovation of the assembly hall at School No. {n}"),
     "summary": ("Новая сцена, звук, свет и кресла на 300 мест для школьных концертов и собраний.",
                 "Мектеп концерттері мен жиналыстарына арналған жаңа сахна, дыбыс, жарық және 300 орындық.",
                 "A new stage, sound, lighting and 300 seats for school concerts and meetings."),
     "body": ("<p>Актовый зал не ремонтировался с 1980-х годов, кресла сломаны, звукового оборудования нет. Проект включает "
              "ремонт зала, новую сцену, акустику и кресла.</p>",
              "<p>Мәжіліс залы 1980 жылдардан бері жөнделмеген, орындықтары сынған, дыбыс жабдығы жоқ. Жоба залды жөндеуді, "
              "жаңа сахнаны, акустиканы және орындықтарды қамтиды.</p>",
              "<p>The assembly hall has not been renovated since the 1980s: the seats are broken and there is no sound "
              "equipment. The project covers repairs, a new stage, acoustics and seating.</p>")},
    {"category": "schools", "cost": (10, 30), "n": (1, 190),
     "title": ("Кабинет робототехники в школе № {n}", "№ {n} мектепте робототехника кабинеті", "A robotics lab at School No. {n}"),
     "summary": ("Оборудованный класс с наборами для робототехники и 3D-принтером для кружков после уроков.",
                 "Сабақтан кейінгі үйірмелерге арналған робототехника жинақтары мен 3D-принтері бар жабдықталған сынып.",
                 "An equipped classroom with robotics kits and a 3D printer for after-school clubs."),
     "body": ("<p>В школе учатся более 1 500 детей, а ближайший кружок робототехники платный и находится в другом районе. "
              "Предлагается оснастить кабинет на 16 рабочих мест и обучить двух учителей.</p>",
              "<p>Мектепте 1 500-ден астам бала оқиды, ал ең жақын робототехника үйірмесі ақылы әрі басқа ауданда. Кабинетті "
              "16 жұмыс орнымен жабдықтап, екі мұғалімді оқыту ұсынылады.</p>",
              "<p>More than 1,500 children attend the school, and the nearest robotics club charges fees and is in another "
              "district. The proposal is a 16-seat lab and training for two teachers.</p>")},
    {"category": "schools", "cost": (8, 25), "n": (1, 250),
     "title": ("Сенсорная комната в детском саду № {n}", "№ {n} балабақшада сенсорлық бөлме", "A sensory room at Kindergarten No. {n}"),
     "summary": ("Комната для занятий психолога и логопеда с детьми с особыми образовательными потребностями.",
                 "Ерекше білім беру қажеттіліктері бар балалармен психолог пен логопед жұмыс істейтін бөлме.",
                 "A room where the psychologist and speech therapist work with children with special educational needs."),
     "body": ("<p>В детском саду открыта инклюзивная группа, но специального помещения для занятий нет. Проект "
              "предусматривает ремонт комнаты, сенсорное оборудование, мягкие модули и световые панели.</p>",
              "<p>Балабақшада инклюзивті топ ашылған, бірақ сабақ өткізуге арнайы бөлме жоқ. Жоба бөлмені жөндеуді, "
              "сенсорлық жабдықты, жұмсақ модульдер мен жарық панельдерін қамтиды.</p>",
              "<p>The kindergarten has opened an inclusive group but has no dedicated room for sessions. The project covers "
              "refurbishing a room, sensory equipment, soft play modules and light panels.</p>")},
    # -- health ---------------------------------------------------------------------------------------
    {"category": "health", "cost": (20, 70), "n": (1, 36),
     "title": ("Пандус и подъёмник в городской поликлинике № {n}", "№ {n} қалалық емханада пандус пен көтергіш",
               "A ramp and lift at City Polyclinic No. {n}"),
     "summary": ("Сделать поликлинику доступной для людей на колясках, пожилых и родителей с детскими колясками.",
                 "Емхананы мүгедектер арбасындағы адамдар, егде жастағылар және бала арбасы бар ата-аналар үшін қолжетімді ету.",
                 "Make the polyclinic accessible to wheelchair users, older people and parents with pushchairs."),
     "body": ("<p>Кабинеты специалистов находятся на втором этаже, лифта нет, а пандус у входа слишком крутой. Предлагается "
              "перестроить пандус по нормам и установить вертикальный подъёмник.</p>",
              "<p>Мамандардың кабинеттері екінші қабатта, лифт жоқ, ал кіреберістегі пандус тым тік. Пандусты нормаға сай "
              "қайта салып, тік көтергіш орнату ұсынылады.</p>",
              "<p>Specialists' rooms are on the first floor, there is no lift and the entrance ramp is too steep. The "
              "proposal is to rebuild the ramp to standard and install a platform lift.</p>")},
    {"category": "health", "cost": (25, 45), "area": None,
     "title": ("Автоматические дефибрилляторы на станциях метро", "Метро бекеттеріндегі автоматты дефибрилляторлар",
               "Automated defibrillators at metro stations"),
     "summary": ("Разместить 11 дефибрилляторов на всех станциях метро и обучить дежурный персонал.",
                 "Барлық метро бекеттерінде 11 дефибриллятор орнатып, кезекші қызметкерлерді оқыту.",
                 "Place 11 defibrillators at every metro station and train the staff on duty."),
     "body": ("<p>При внезапной остановке сердца счёт идёт на минуты. Проект предусматривает закупку дефибрилляторов, "
              "указатели к ним и обучение сотрудников метрополитена первой помощи.</p>",
              "<p>Жүрек кенеттен тоқтағанда минуттар шешеді. Жоба дефибрилляторларды сатып алуды, оларға апаратын "
              "көрсеткіштерді және метрополитен қызметкерлерін алғашқы көмекке оқытуды қамтиды.</p>",
              "<p>When a heart stops suddenly, minutes count. The project covers buying the defibrillators, signs pointing "
              "to them and first-aid training for metro staff.</p>")},
    {"category": "health", "cost": (5, 18),
     "title": ("Кабинет здоровья для пожилых жителей {addr}", "{addr} мекенжайында егде жастағы тұрғындарға арналған денсаулық кабинеті",
               "A health room for older residents at {addr}"),
     "summary": ("Медсестра, измерение давления и сахара и консультации два раза в неделю рядом с домом.",
                 "Үйдің жанында аптасына екі рет мейірбике, қан қысымы мен қантты өлшеу және кеңес беру.",
                 "A nurse, blood pressure and blood sugar checks and advice twice a week close to home."),
     "body": ("<p>Ближайшая поликлиника в 40 минутах на автобусе. Жители предлагают оборудовать кабинет в помещении КСК, "
              "где медсестра будет принимать дважды в неделю.</p>",
              "<p>Ең жақын емхана автобуспен 40 минуттық жерде. Тұрғындар ПИК үй-жайында мейірбике аптасына екі рет "
              "қабылдайтын кабинет жабдықтауды ұсынады.</p>",
              "<p>The nearest polyclinic is 40 minutes away by bus. Residents propose equipping a room in the owners' "
              "cooperative's premises where a nurse will see patients twice a week.</p>")},
    # -- sport ----------------------------------------------------------------------------------------
    {"category": "sport", "cost": (8, 30),
     "title": ("Воркаут-площадка во дворе {addr}", "{addr} мекенжайындағы аулада воркаут алаңы", "Street workout area in the courtyard at {addr}"),
     "summary": ("Турники, брусья и уличные тренажёры на резиновом покрытии для подростков и взрослых.",
                 "Жасөспірімдер мен ересектерге арналған резеңке жабынды турниктер, қос сырықтар және көше тренажерлары.",
                 "Pull-up bars, parallel bars and outdoor exercise machines on rubber surfacing for teenagers and adults."),
     "body": ("<p>Во дворе пустует заброшенная площадка. Жители предлагают установить воркаут-комплекс, уличные тренажёры "
              "и освещение, чтобы заниматься можно было и вечером.</p>",
              "<p>Аулада қараусыз қалған алаң бос тұр. Тұрғындар кешке де жаттығуға болатындай воркаут кешенін, көше "
              "тренажерларын және жарық орнатуды ұсынады.</p>",
              "<p>An abandoned plot stands empty in the courtyard. Residents propose a workout rig, outdoor gym machines and "
              "lighting so people can train in the evening too.</p>")},
    {"category": "sport", "cost": (30, 95), "n": (1, 190),
     "title": ("Мини-футбольное поле у школы № {n}", "№ {n} мектеп жанындағы шағын футбол алаңы", "Five-a-side football pitch by School No. {n}"),
     "summary": ("Поле с искусственным газоном, ограждением и освещением, открытое для жителей после уроков.",
                 "Сабақтан кейін тұрғындарға ашық, жасанды көгалы, қоршауы және жарығы бар алаң.",
                 "An artificial-turf pitch with fencing and floodlights, open to residents after school hours."),
     "body": ("<p>Школьное поле покрыто гравием, в дождь на нём нельзя заниматься. Проект предусматривает искусственный "
              "газон 40×20 м, ограждение, освещение и свободный доступ для жителей по графику.</p>",
              "<p>Мектеп алаңы қиыршық таспен жабылған, жаңбырда онда жаттығуға болмайды. Жоба 40×20 м жасанды көгалды, "
              "қоршауды, жарықты және кесте бойынша тұрғындардың еркін кіруін қамтиды.</p>",
              "<p>The school pitch is covered in gravel and cannot be used in the rain. The project provides 40×20 m of "
              "artificial turf, fencing, floodlights and open hours for residents.</p>")},
    {"category": "sport", "cost": (25, 70),
     "title": ("Хоккейная коробка во дворе {addr}", "{addr} мекенжайындағы аулада хоккей қорабы", "Ice hockey box in the courtyard at {addr}"),
     "summary": ("Зимой каток и хоккей, летом — площадка для баскетбола и футбола.",
                 "Қыста мұз айдыны мен хоккей, жазда баскетбол мен футбол алаңы.",
                 "An ice rink and hockey in winter, a basketball and football court in summer."),
     "body": ("<p>Ближайший каток платный и находится далеко. Предлагается построить хоккейную коробку с бортами, "
              "освещением и всесезонным покрытием; зимой её будет заливать КСК.</p>",
              "<p>Ең жақын мұз айдыны ақылы әрі алыс. Борттары, жарығы және жыл бойғы жабыны бар хоккей қорабын салу "
              "ұсынылады; қыста оны ПИК мұздатып отырады.</p>",
              "<p>The nearest ice rink charges fees and is far away. The proposal is a hockey box with boards, lighting and "
              "an all-season surface that the owners' cooperative will flood in winter.</p>")},
    # -- culture --------------------------------------------------------------------------------------
    {"category": "culture", "cost": (35, 120), "area": "medeu",
     "title": ("Летняя сцена в парке 28 гвардейцев-панфиловцев", "28 гвардияшы-панфиловшылар саябағындағы жазғы сахна",
               "A summer stage in Panfilov Park"),
     "summary": ("Открытая сцена для бесплатных концертов, спектаклей и кинопоказов с мая по сентябрь.",
                 "Мамырдан қыркүйекке дейін тегін концерттер, қойылымдар мен кино көрсетілімдеріне арналған ашық сахна.",
                 "An open-air stage for free concerts, plays and film screenings from May to September."),
     "body": ("<p>В парке нет места для уличных выступлений. Проект предусматривает сборно-разборную сцену с навесом, "
              "звуковое оборудование и 200 мест для зрителей.</p>",
              "<p>Саябақта көше қойылымдарына орын жоқ. Жоба шатыры бар жиналмалы сахнаны, дыбыс жабдығын және "
              "көрермендерге 200 орынды қамтиды.</p>",
              "<p>The park has no space for street performances. The project provides a demountable covered stage, sound "
              "equipment and 200 seats for the audience.</p>")},
    {"category": "culture", "cost": (10, 35), "area": "auezov",
     "title": ("Уличная библиотека и арт-объекты у озера Сайран", "Сайран көлінің жағасындағы көше кітапханасы мен арт-нысандар",
               "A street library and art installations by Lake Sairan"),
     "summary": ("Шкафы для свободного обмена книгами, скамейки в тени и три арт-объекта местных художников.",
                 "Кітап алмасуға арналған шкафтар, көлеңкедегі орындықтар және жергілікті суретшілердің үш арт-нысаны.",
                 "Book-swap shelves, shaded benches and three installations by local artists."),
     "body": ("<p>Набережная Сайрана популярна у жителей, но там нечем заняться, кроме прогулки. Предлагается установить "
              "всепогодные книжные шкафы, скамейки и провести конкурс на арт-объекты.</p>",
              "<p>Сайран жағалауы тұрғындар арасында танымал, бірақ онда серуендеуден басқа айналысатын іс жоқ. Кез келген "
              "ауа райына төзімді кітап шкафтарын, орындықтар орнатып, арт-нысандарға байқау өткізу ұсынылады.</p>",
              "<p>The Sairan embankment is popular, but there is nothing to do there except walk. The proposal is "
              "weatherproof book shelves, benches and a competition for art installations.</p>")},
    {"category": "culture", "cost": (5, 15),
     "title": ("Мурал об истории Алматы {addr}", "{addr} мекенжайында Алматы тарихы туралы мурал", "A mural on Almaty's history at {addr}"),
     "summary": ("Роспись глухого торца девятиэтажного дома по эскизу, выбранному жителями.",
                 "Тұрғындар таңдаған эскиз бойынша тоғыз қабатты үйдің бос қабырғасын безендіру.",
                 "Painting the blank end wall of a nine-storey block to a design chosen by residents."),
     "body": ("<p>Серый торец дома виден с оживлённой улицы. Художники предложат три эскиза — о яблоневых садах, Медеу и "
              "старой Алма-Ате, — а лучший выберут жители дома.</p>",
              "<p>Үйдің сұр қабырғасы қарбалас көшеден көрініп тұр. Суретшілер алма бақтары, Медеу және ескі Алматы туралы "
              "үш эскиз ұсынады, ең үздігін үй тұрғындары таңдайды.</p>",
              "<p>The block's grey end wall faces a busy street. Artists will propose three designs about the apple "
              "orchards, Medeu and old Alma-Ata, and the residents will choose the best.</p>")},
    {"category": "culture", "cost": (5, 12),
     "title": ("Кружки домбры и прикладного искусства в подростковом клубе {addr}",
               "{addr} мекенжайындағы жасөспірімдер клубында домбыра және қолөнер үйірмелері",
               "Dombra and crafts clubs at the youth club at {addr}"),
     "summary": ("Бесплатные занятия домброй, валянием войлока и резьбой по дереву для детей 8–16 лет.",
                 "8–16 жастағы балаларға арналған тегін домбыра, киіз басу және ағаш ою сабақтары.",
                 "Free dombra lessons, felt-making and woodcarving for children aged 8 to 16."),
     "body": ("<p>Подростковый клуб работает, но у него нет инструментов и материалов. Проект оплачивает 15 домбр, материалы "
              "для мастерских и работу двух педагогов в течение года.</p>",
              "<p>Жасөспірімдер клубы жұмыс істейді, бірақ аспаптары мен материалдары жоқ. Жоба 15 домбыраны, "
              "шеберханаларға материалдарды және екі педагогтың бір жылдық жұмысын қаржыландырады.</p>",
              "<p>The youth club is open but has no instruments or materials. The project pays for 15 dombras, workshop "
              "materials and two teachers for a year.</p>")},
    # -- ecology --------------------------------------------------------------------------------------
    {"category": "ecology", "cost": (15, 60),
     "title": ("Озеленение и капельный полив сквера {addr}", "{addr} мекенжайындағы скверді көгалдандыру және тамшылатып суару",
               "Planting and drip irrigation for the square at {addr}"),
     "summary": ("Высадить 60 деревьев и 400 кустарников и проложить капельный полив, чтобы саженцы прижились.",
                 "60 ағаш пен 400 бұта отырғызып, көшеттер тамыр жайуы үшін тамшылатып суару жүйесін тарту.",
                 "Plant 60 trees and 400 shrubs and lay drip irrigation so that the saplings survive."),
     "body": ("<p>Старые тополя в сквере вырубили как аварийные, новых посадок нет. Жители предлагают высадить карагачи, "
              "клёны и сирень и подключить сквер к капельному поливу.</p>",
              "<p>Скверде ескі теректер апатты деп кесілген, жаңа ағаш отырғызылмаған. Тұрғындар қарағаш, үйеңкі және "
              "сирень отырғызып, скверді тамшылатып суаруға қосуды ұсынады.</p>",
              "<p>The old poplars in the square were felled as unsafe and nothing was planted. Residents propose elms, "
              "maples and lilac, watered by drip irrigation.</p>")},
    {"category": "ecology", "cost": (10, 45),
     "title": ("Восстановление арыков {addr}", "{addr} мекенжайындағы арықтарды қалпына келтіру", "Restoring the aryks at {addr}"),
     "summary": ("Расчистить и забетонировать 600 м арыков, чтобы вода снова доходила до деревьев вдоль улицы.",
                 "Көше бойындағы ағаштарға су қайта жетуі үшін 600 м арықты тазартып, бетондау.",
                 "Clear and line 600 m of aryks (irrigation ditches) so that water reaches the street trees again."),
     "body": ("<p>Арыки засыпаны мусором и землёй, деревья вдоль улицы сохнут. Проект включает расчистку, бетонные лотки, "
              "мостики у подъездов и подачу воды в поливной сезон.</p>",
              "<p>Арықтарды қоқыс пен топырақ басып қалған, көше бойындағы ағаштар қурап жатыр. Жоба тазартуды, бетон "
              "науаларды, кіреберістер жанындағы көпіршелерді және суару маусымында су жіберуді қамтиды.</p>",
              "<p>The aryks are clogged with rubbish and soil, and the street trees are drying out. The project includes "
              "clearing, concrete channels, footbridges at the entrances and water in the irrigation season.</p>")},
    {"category": "ecology", "cost": (5, 15),
     "title": ("Площадка раздельного сбора отходов {addr}", "{addr} мекенжайындағы қалдықтарды бөлек жинау алаңы", "A recycling point at {addr}"),
     "summary": ("Крытая площадка с контейнерами для пластика, стекла, бумаги и батареек.",
                 "Пластикке, шыныға, қағазға және батарейкаларға арналған контейнерлері бар жабық алаң.",
                 "A covered area with bins for plastic, glass, paper and batteries."),
     "body": ("<p>Жители готовы сортировать отходы, но рядом нет ни одного контейнера для вторсырья. Предлагается обустроить "
              "крытую площадку и заключить договор с оператором на регулярный вывоз.</p>",
              "<p>Тұрғындар қалдықтарды сұрыптауға дайын, бірақ жақын маңда қайталама шикізатқа арналған бірде-бір контейнер "
              "жоқ. Жабық алаң жасап, тұрақты әкету үшін оператормен шарт жасау ұсынылады.</p>",
              "<p>Residents are ready to sort their waste, but there is no recycling bin nearby. The proposal is a covered "
              "collection point and a contract with an operator for regular pick-ups.</p>")},
    {"category": "ecology", "cost": (90, 300), "area": None,
     "title": ("Очистка русла и берегов реки Большая Алматинка", "Үлкен Алматы өзенінің арнасы мен жағалауын тазарту",
               "Cleaning up the bed and banks of the Bolshaya Almatinka River"),
     "summary": ("Убрать мусор и строительные отходы с 8 км берегов, установить урны и информационные щиты.",
                 "8 км жағалаудан қоқыс пен құрылыс қалдықтарын жинап, қоқыс жәшіктері мен ақпараттық тақталар орнату.",
                 "Remove rubbish and building waste from 8 km of riverbank and put up bins and information boards."),
     "body": ("<p>Берега реки в черте города превратились в стихийные свалки. Проект предусматривает механизированную "
              "очистку, вывоз отходов, урны через каждые 200 метров и щиты о штрафах за сброс мусора.</p>",
              "<p>Қала ішіндегі өзен жағалаулары ретсіз қоқыс үйінділеріне айналған. Жоба механикаландырылған тазартуды, "
              "қалдықтарды әкетуді, әр 200 метр сайын қоқыс жәшіктерін және айыппұл туралы тақталарды қамтиды.</p>",
              "<p>Within the city the riverbanks have turned into illegal dumps. The project provides mechanical clean-up, "
              "waste removal, bins every 200 metres and boards warning of fines for dumping.</p>")},
    # -- social support -------------------------------------------------------------------------------
    {"category": "social-support", "cost": (15, 40),
     "title": ("Социальная прачечная для пожилых и людей с инвалидностью {addr}",
               "{addr} мекенжайында егде жастағы және мүгедектігі бар адамдарға арналған әлеуметтік кір жуу орны",
               "A social laundry for older and disabled residents at {addr}"),
     "summary": ("Бесплатная стирка с доставкой белья на дом для одиноких пожилых и людей с инвалидностью.",
                 "Жалғыз басты қарттар мен мүгедектігі бар адамдар үшін тегін кір жуу және киімді үйге жеткізу.",
                 "Free laundry with home delivery for older people living alone and disabled residents."),
     "body": ("<p>В микрорайоне живут более 300 одиноких пенсионеров. Проект оснащает помещение стиральными машинами и "
              "оплачивает работу двух сотрудников и доставку белья на дом.</p>",
              "<p>Шағын ауданда 300-ден астам жалғыз басты зейнеткер тұрады. Жоба үй-жайды кір жуғыш машиналармен "
              "жабдықтап, екі қызметкердің жұмысы мен киімді үйге жеткізуді қаржыландырады.</p>",
              "<p>More than 300 pensioners living alone are in the neighbourhood. The project equips premises with washing "
              "machines and pays for two staff members and home delivery.</p>")},
    {"category": "social-support", "cost": (20, 65),
     "title": ("Центр дневного пребывания для пожилых {addr}", "{addr} мекенжайында қарттарға арналған күндізгі болу орталығы",
               "A day centre for older people at {addr}"),
     "summary": ("Досуг, горячий обед, гимнастика и консультации юриста для пожилых жителей района.",
                 "Аудандағы егде жастағы тұрғындар үшін бос уақыт, ыстық түскі ас, гимнастика және заңгер кеңесі.",
                 "Activities, a hot lunch, exercise classes and legal advice for older residents of the district."),
     "body": ("<p>Пожилым жителям некуда пойти днём, многие проводят время в одиночестве. Центр займёт пустующее помещение "
              "на первом этаже и будет работать по будням с 9:00 до 17:00.</p>",
              "<p>Егде жастағы тұрғындардың күндіз баратын жері жоқ, көбі уақытын жалғыз өткізеді. Орталық бірінші "
              "қабаттағы бос үй-жайда орналасып, жұмыс күндері 9:00-ден 17:00-ге дейін жұмыс істейді.</p>",
              "<p>Older residents have nowhere to go during the day and many spend their time alone. The centre will use "
              "empty ground-floor premises and open on weekdays from 9:00 to 17:00.</p>")},
    {"category": "social-support", "cost": (30, 80), "area": None,
     "title": ("Бесплатные курсы цифровой грамотности для людей старшего возраста",
               "Егде жастағы адамдарға арналған тегін цифрлық сауаттылық курстары", "Free digital skills courses for older residents"),
     "summary": ("Научить 2 000 пенсионеров пользоваться eGov, онлайн-банком и записью к врачу.",
                 "2 000 зейнеткерді eGov, онлайн-банк және дәрігерге онлайн жазылу қызметтерін пайдалануға үйрету.",
                 "Teach 2,000 pensioners to use eGov, online banking and online doctor appointments."),
     "body": ("<p>Многие государственные услуги перешли в онлайн, а пожилые люди остаются без помощи. Курсы пройдут в "
              "библиотеках всех восьми районов: 8 занятий в группах по 12 человек.</p>",
              "<p>Көптеген мемлекеттік қызметтер онлайн форматқа көшті, ал егде жастағы адамдар көмексіз қалып отыр. "
              "Курстар барлық сегіз аудандағы кітапханаларда 12 адамнан тұратын топтарда 8 сабақтан өтеді.</p>",
              "<p>Many public services have moved online and older people are left without help. Courses will run in "
              "libraries in all eight districts: 8 sessions for groups of 12.</p>")},
]
