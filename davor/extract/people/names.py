"""Lexicons for reading people's names: given names, salutations, titles, and
capitalised words that follow a salutation without being a name."""

from __future__ import annotations

from ..lexicon import word_set

# Common given names in German- and English-speaking business contexts.  Used
# to recognise untitled names ("Mark Ellison") and two-word titled names
# ("Hr. Ulrich Brandes").  Month names (May, April, June) are left out.
FIRST_NAMES = word_set(
    """
    alexander alexandra alfred ali alina amelie andrea andreas angelika anja anke anna annette anne annika
    antje anton armin arne axel barbara bastian beate benedikt benjamin bernd bernhard bettina birgit bjoern
    björn brigitte britta burkhard carina carla carmen carolin caroline carsten christa christian christiane
    christina christine christoph christopher claudia clemens cornelia daniel daniela david dennis detlef
    diana dieter dietmar dirk dominik doris dorothea edith elena elisabeth elke ella emil emilia emma erik
    erika ernst eva fabian felix florian frank franz franziska friedrich gabi gabriele georg gerd gerhard
    gisela gregor gudrun günter günther hannah hannelore hans harald heike heinrich heinz helga helmut hendrik
    henrik henrike herbert hermann holger horst hubert ilse ina ines ingo ingrid irene iris jan jana janina
    jannik jens jessica joachim johann johanna johannes jonas jonathan jörg josef julia julian juliane jürgen
    justus kai karin karl karla katharina kathrin katja katrin kerstin kevin klaus konrad kristina lara lars
    laura lea lena leon leonie lisa lothar lucas luis luisa lukas lutz magdalena maik malte manfred manuel
    manuela marc marcel marco marcus maren margarete maria marie marina mario marion marius markus marlene
    martin martina mathias matthias max maximilian melanie michael michaela miriam mirko monika moritz nadine
    nadja natalie nicole niklas nils nina norbert ole olaf oliver oskar otto pascal patricia patrick paul
    paula peter petra philipp pia rainer ralf ralph regina reinhard renate rene rené robert roland rolf
    rosemarie rüdiger ruth sabine sabrina sandra sarah sascha sebastian silke simon simone sonja sophia sophie
    stefan stefanie steffen stephan stephanie susanne svenja sven swen tanja thomas thorsten tim timo tina
    tobias torsten udo ulf ulla ulrich ulrike ursula ute uwe valentin vanessa vera verena viktor volker walter
    werner wilhelm wolfgang yvonne aaron adam adrian alan albert alice alison amanda amy andrew angela ann
    anthony ashley barry ben bill bob brian bruce carl carol caroline catherine charles charlotte chloe chris
    christopher claire colin craig dan daniel danielle david deborah dennis donald donna dorothy douglas
    edward eleanor elizabeth ellen emily eric ethan fiona frances frank gary george grace graham hannah harry
    heather helen henry ian isabel isabella jack jacob james jamie jane janet jason jeff jeffrey jennifer
    jeremy jessica joan joe john jonathan joseph joshua judith julie justin karen kate katherine kathleen
    keith kelly kenneth kevin kim kimberly laura lauren lily linda lisa liam lucy luke margaret maria mark
    martha mary matthew megan melissa michelle mike natalie nathan neil nicholas nick nicola noah olivia oscar
    owen pamela patricia paul peter philip priya rachel raj rebecca richard rob robert robin ruth ryan sam
    samantha samuel sandra sarah scott sean sharon simon sophie stephen steve steven stuart susan thomas tim
    timothy tom tony victoria william zoe ahmet aylin can cem deniz elif emre fatma hakan hasan mehmet murat
    selin yusuf zeynep ivan igor olga natascha anastasia dmitri piotr katarzyna agnieszka tomasz marek pavel
    jan lucia giulia giuseppe luca marco matteo francesca pierre jean marie sophie camille nicolas antoine
    carlos juan jose maria pablo lars nils ingrid astrid sven erik anders mette kirsten lea leni mia ben finn
    noah elias ida
    ahmed mohammed mustafa ali omar karim leyla amir reza arjun kiran rahul anil sunil deepak vijay
    hiroshi yuki kenji akira nora greg gregory ryan dylan tyler brandon kyle derek todd ross neil
    gavin fraser hamish callum aidan declan niamh siobhan aoife sinead mia emma lucy chloe harriet
    imogen freya alfie archie reto urs ruedi kurt fritz heinz konstantin wolfram jochen jürgen kilian
    korbinian leopold vinzenz quirin xaver benno henning hauke heiko ilka imke insa jule lotte
    merle nele wiebke frauke gesa tjark hinnerk ole jasper jakob jonah levi theo vincent maxime lucie louise
    chantal nathalie yvette bernadette gaston mathieu etienne thierry marcello giovanni alessandro federica
    chiara paola roberta silvia stefano andrea enrico miguel javier sergio raúl carmen lucía elena
    joão ana pedro tiago magnus henrik johan karl-heinz hans-peter klaus-dieter ann-kathrin anne-marie
    marie-luise jean-pierre
    """
)

SALUTATION_GENDER = {
    "herr": "m", "herrn": "m", "hr": "m", "hrn": "m", "mr": "m",
    "frau": "f", "fr": "f", "frl": "f", "ms": "f", "mrs": "f", "miss": "f",
}  # fmt: skip

# Capitalised words that cannot be a surname right after a salutation.
NOT_A_NAME = word_set(
    """
    kunde kunden kd termin angebot auftrag bestellung lieferung zahlung und oder mit von vom bei beim der die
    das den dem ein eine am im in an auf zu zum zur per via für und sowie bzw bitte nochmal noch auch schon mo
    di mi do fr sa so mon tue wed thu fri sat sun kw ab bis ca tel fax mail email the and or with from at
    januar februar märz april mai juni juli august september oktober november dezember january february march
    may june july october december heute morgen today tomorrow nächste nächsten kommenden next gmbh ag kg team
    firma company office büro abteilung
    """
)

PARTICLES = ("von", "van", "de", "der", "zu", "di", "da", "le", "la", "ten", "ter", "del", "dos")
