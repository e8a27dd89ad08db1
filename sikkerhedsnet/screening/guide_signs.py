"""The concern guide's built-in signs as messages: the shipped guide's signs read in the user's
language (see screening/guide_texts.py, which looks them up with the other built-in texts).

Each sign in data/concern_guide.json is listed here once, exactly as in the data, as a literal
msgid (makemessages finds it; the English catalogue translates it). A sign that several age bands
share is listed where it first appears. A sign the municipality wrote or changed is not listed
and stays as written.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SIGNS: tuple[Promise, ...] = (
    # 0–1 years: the child's development.
    _("Barnet søger øjenkontakt, smiler og reagerer på kendte voksnes stemmer."),
    _("Barnet spiser og sover i en rytme, der passer til alderen, og tager på som forventet."),
    _("Barnet lader sig trøste, når det er ked af det."),
    _("Barnet er nysgerrigt, følger ting med øjnene og pludrer."),
    _("Barnet græder meget, er ofte uroligt og er svært at trøste."),
    _("Barnet har vedvarende besvær med at spise eller sove."),
    _("Barnet søger sjældent kontakt og smiler sjældent."),
    _("Barnets motorik eller pludren halter lidt efter det forventede."),
    _(
        "Barnet trækker sig fra kontakt: undgår øjenkontakt og er passivt og udtryksløst, også ved "
        "et nyt besøg (fx ADBB på eller over grænsen to gange)."
    ),
    _("Barnet tager ikke på som forventet, og der er ingen medicinsk forklaring."),
    _("Barnet er tydeligt forsinket i sin udvikling på flere områder."),
    _(
        "Barnet har blå mærker, brud eller forbrændinger uden en sandsynlig forklaring (et barn, "
        "der endnu ikke kravler, får sjældent blå mærker)."
    ),
    _("Barnet er markant underernæret eller udtørret."),
    _("Barnet er apatisk og reagerer næsten ikke på kontakt."),
    # 0–1 years: the parents' care.
    _(
        "Forældrene aflæser barnets signaler og reagerer på dem, når barnet er sultent, træt eller "
        "ked af det."
    ),
    _("Forældrene taler med barnet, holder det tæt og viser glæde ved det."),
    _("Barnet er passende klædt på, rent og får mad nok."),
    _(
        "Forældrene har svært ved at forstå barnets signaler eller reagerer sent eller "
        "uforudsigeligt."
    ),
    _("En forælder virker meget træt, nedtrykt eller overvældet af forældrerollen."),
    _("Aftaler om besøg, undersøgelser og vaccinationer bliver ofte ikke holdt."),
    _("Forældrene overser gentagne gange barnets behov for mad, søvn, hygiejne eller lægehjælp."),
    _(
        "En forælder har tegn på fødselsdepression eller anden psykisk sygdom, der påvirker "
        "omsorgen, og der er ikke hjælp i gang."
    ),
    _("Forældrene er hårdhændede, kolde eller afvisende i kontakten med barnet."),
    _("Barnet bliver rystet, slået eller på anden måde udsat for vold."),
    _("Barnet bliver efterladt alene eller hos nogen, der ikke kan passe det."),
    _("En forælder er påvirket af alkohol eller stoffer, mens forælderen alene passer barnet."),
    # 0–1 years: family and surroundings.
    _("Familien har et netværk, der hjælper i hverdagen."),
    _("Familien har et stabilt sted at bo og penge til det nødvendige."),
    _("Forældrene tager imod råd og tilbud fra sundhedsplejen."),
    _("Familien er presset af flytning, arbejdsløshed, gæld eller sygdom."),
    _("Forældrene er meget alene med barnet og har kun lidt netværk."),
    _("Der er mange skænderier mellem de voksne i hjemmet."),
    _("Der er trusler eller voldsomme konflikter mellem de voksne i hjemmet."),
    _("Familien har ikke et fast sted at bo."),
    _("Misbrug eller psykisk sygdom hos en voksen i hjemmet præger hverdagen."),
    _("Barnet er til stede, når der er vold mellem de voksne i hjemmet."),
    _("Barnet bor under forhold, hvor det ikke er i sikkerhed, fx uden varme, mad eller opsyn."),
    # 1–3 years: the child's development.
    _("Barnet leger, udforsker og vender tilbage til de kendte voksne for at blive tryg."),
    _("Barnet bruger lyde, ord og fagter til at udtrykke sig, og sproget udvikler sig."),
    _("Barnet viser glæde og interesse for andre børn og lader sig trøste."),
    _("Barnet spiser, sover og bevæger sig, som det passer til alderen."),
    _("Barnet er ofte ked af det, uroligt eller har mange og lange raserianfald."),
    _("Barnets sprog eller motorik halter efter det forventede."),
    _(
        "Barnet har svært ved at falde til ro efter afleveringen og søger kun lidt trøst hos de "
        "voksne."
    ),
    _("Barnet er ofte træt, sultent eller sygt."),
    _("Barnet er trukket ind i sig selv og leger næsten ikke."),
    _("Barnet har tydelige forsinkelser i sprog eller udvikling, som ikke bliver bedre."),
    _("Barnet søger ukritisk kontakt til fremmede voksne."),
    _("Barnet virker bange for eller vagtsomt over for en forælder."),
    _("Barnet har skader uden en sandsynlig forklaring."),
    _("Barnet fortæller om eller viser tegn på vold eller seksuelle overgreb."),
    _("Barnet har en seksuel adfærd, der ikke passer til alderen."),
    # 1–3 years: the parents' care.
    _("Forældrene er interesserede i barnets dag og har en god kontakt med personalet."),
    _("Forældrene giver barnet rutiner og rammer, der passer til alderen."),
    _("Barnet har tøj efter vejret, skiftetøj og bleer med."),
    _("Barnet kommer ofte uden det nødvendige tøj, bleer eller mad."),
    _("Barnet bliver ofte hentet sent eller afleveret uregelmæssigt uden forklaring."),
    _("Forældrene er svære at få kontakt med eller svarer ikke på henvendelser."),
    _("Forældrene taler hårdt eller nedsættende til barnet."),
    _(
        "Barnet er ofte beskidt, sultent eller ikke klædt efter vejret, også efter samtaler med "
        "forældrene."
    ),
    _("En forælder virker påvirket ved aflevering eller afhentning."),
    _("Forældrene afviser at samarbejde om barnets behov, også efter flere samtaler."),
    _("Barnet får ikke den lægehjælp, tandpleje eller behandling, det har brug for."),
    _("Barnet bliver slået, rystet, låst inde eller truet."),
    _(
        "En forælder henter barnet så påvirket af alkohol eller stoffer, at barnet ikke er i "
        "sikkerhed."
    ),
    _("Barnet bliver efterladt alene eller uden opsyn i længere tid."),
    # 1–3 years: family and surroundings.
    _("Familien har et netværk, der kan hjælpe ved sygdom og travlhed."),
    _("Familien har en stabil bolig og hverdag."),
    _("Forældrene samarbejder om barnet, også hvis de bor hver for sig."),
    _("Familien er i en svær periode med skilsmisse, sygdom, dødsfald eller økonomiske problemer."),
    _("Barnet er mange forskellige steder og har få faste voksne."),
    _("Familien er isoleret og har kun lidt kontakt med andre."),
    _("Der er voldsomme konflikter i familien, som barnet overværer."),
    _("Familien flytter ofte eller bor midlertidigt hos andre."),
    _("Misbrug eller psykisk sygdom hos en voksen i hjemmet præger barnets hverdag."),
    _("Barnet overværer vold eller trusler om vold i hjemmet."),
    _("Barnet bor i et hjem, hvor det ikke er i sikkerhed."),
    # 3–6 years: the child's development (and 1 sign listed under an earlier band).
    _("Barnet leger med andre børn, deltager i fællesskabet og har venner."),
    _("Barnet fortæller, stiller spørgsmål og kan gøre sig forståeligt."),
    _("Barnet kan vente lidt, dele og tage imod en besked fra en voksen."),
    _("Barnet viser glæde og nysgerrighed og kan sige fra."),
    _("Barnet har svært ved at komme med i leg og er ofte alene eller i konflikt."),
    _("Barnet har sproglige vanskeligheder, der er tydelige for alderen."),
    _("Barnet har mange raserianfald eller er ofte usædvanligt stille."),
    _("Barnet tisser eller laver i bukserne igen efter at have været renligt."),
    _("Barnet slår, bider eller ødelægger ting, også efter en særlig indsats fra de voksne."),
    _("Barnet virker bange, indesluttet eller trist over længere tid."),
    _("Barnet er tydeligt bagud i sin udvikling og får ikke den hjælp, det har brug for."),
    _("Barnet taler eller leger ofte om voldsomme oplevelser hjemme."),
    _("Barnet fortæller om vold eller seksuelle overgreb."),
    _(
        "Barnet har en seksuel adfærd, der ikke passer til alderen, fx efterligner voksnes "
        "seksualitet."
    ),
    _("Barnet er bange for at komme hjem."),
    # 3–6 years: the parents' care.
    _("Forældrene følger med i barnets hverdag og kommer til samtaler og arrangementer."),
    _("Barnet har mad, tøj efter vejret og får sovet nok."),
    _("Forældrene støtter barnet i at lege og være sammen med andre børn."),
    _("Forældrene glemmer ofte aftaler, ting eller afhentning."),
    _("Barnet får ofte for lidt søvn eller mad."),
    _("Forældrene har svært ved at sætte grænser eller sætter urimeligt hårde grænser."),
    _("Forældrene afviser bekymringen og vil ikke samarbejde om en handleplan."),
    _("Barnet bliver ofte skældt ud, truet eller ydmyget."),
    _("Barnets sygdom, tandproblemer, syn eller hørelse bliver ikke behandlet."),
    _("Barnet har meget fravær uden forklaring."),
    _("Barnet bliver slået, låst inde, truet eller straffet hårdt."),
    _("En forælder er så påvirket af alkohol eller stoffer, at barnet ikke er i sikkerhed."),
    _("Barnet bliver overladt til sig selv i længere tid."),
    # 3–6 years: family and surroundings.
    _("Barnet har faste voksne og et netværk af familie eller venner."),
    _("Hverdagen er forudsigelig med faste rutiner."),
    _("Barnet har søskende eller venner at lege med uden for institutionen."),
    _("Familien er presset af skilsmisse, sygdom, arbejdsløshed eller gæld."),
    _("Barnet overværer ofte skænderier mellem de voksne."),
    _("Familien har kun lidt kontakt med andre og lidt hjælp i hverdagen."),
    _("En voksen i hjemmet har et misbrug eller en psykisk sygdom, der præger barnets hverdag."),
    _("Familien har ikke en fast bolig eller flytter ofte."),
    _("Barnet er fanget i en langvarig, konfliktfyldt skilsmisse."),
    _("Barnet overværer vold mellem de voksne i hjemmet."),
    _("Barnets hjem er uden varme, mad eller sikre forhold."),
    # 6–10 years: the child's development (and 1 sign listed under an earlier band).
    _("Barnet trives i skolen, har venner og er en del af fællesskabet i klassen."),
    _("Barnet lærer nyt og har lyst til at lære."),
    _("Barnet kan sige til og fra og søger hjælp hos voksne, når der er brug for det."),
    _("Barnet er ofte ked af det, uroligt eller i konflikt med andre."),
    _("Barnet har svært ved at følge med fagligt eller ved at koncentrere sig."),
    _("Barnet har ofte ondt i maven eller hovedet uden en klar grund."),
    _("Barnet er ofte alene i frikvartererne."),
    _("Barnet har et bekymrende fravær eller kommer ofte for sent."),
    _("Barnet er trukket ind i sig selv eller meget udadreagerende over længere tid."),
    _("Barnet bliver mobbet eller mobber andre, selv om de voksne har grebet ind."),
    _("Barnet fortæller om vold, seksuelle overgreb eller omsorgssvigt."),
    _("Barnet taler om ikke at ville leve eller skader sig selv."),
    _("Barnet er bange for at gå hjem."),
    # 6–10 years: the parents' care (and 2 signs listed under an earlier band).
    _("Forældrene følger med i skolen og hjælper med lektier og aftaler."),
    _("Barnet møder udhvilet, mæt og med det, det skal bruge."),
    _("Forældrene kender barnets venner og fritid."),
    _("Barnet kommer ofte uden mad, idrætstøj eller skoleting."),
    _("Forældrene svarer ikke på beskeder fra skolen eller kommer ikke til samtaler."),
    _("Barnet er ofte længe oppe med skærm og er træt i skolen."),
    _("Barnet har ansvar for søskende eller husholdning ud over, hvad der passer til alderen."),
    _("Forældrene afviser at samarbejde om barnets vanskeligheder, også efter flere samtaler."),
    _("Barnets tænder, syn eller sygdom bliver ikke passet."),
    _("Barnet bliver slået eller straffet fysisk."),
    _("Barnet er overladt til sig selv i dagevis eller uden mad."),
    # 6–10 years: family and surroundings (and 2 signs listed under an earlier band).
    _("Barnet har faste voksne, familie eller venner at gå til."),
    _("Barnet går til en fritidsaktivitet eller har et fællesskab uden for skolen."),
    _("Hverdagen er stabil og forudsigelig."),
    _("Familien er presset af skilsmisse, sygdom, arbejdsløshed eller økonomi."),
    _("Barnet har få eller ingen venner uden for skolen."),
    _("Barnet fortæller om mange skænderier derhjemme."),
    _("Barnet er fanget i en langvarig konflikt mellem forældrene."),
    _("Barnet overværer vold eller trusler i hjemmet."),
    _("Barnet er udsat for æresrelateret kontrol eller trusler."),
    # 10–13 years: the child's development (and 1 sign listed under an earlier band).
    _("Barnet har venner og trives i klassen og i fritiden."),
    _("Barnet kan tale om sine følelser og søger hjælp, når noget er svært."),
    _("Barnet deltager i undervisningen og har lyst til at lære."),
    _("Barnet er ofte trist eller irritabelt eller trækker sig fra fællesskabet."),
    _("Barnet har stigende fravær eller klarer sig dårligere fagligt."),
    _("Barnet bruger meget tid på skærm og sover for lidt."),
    _("Barnet har ofte ondt i maven eller hovedet."),
    _("Barnet har et stort og vedvarende fravær."),
    _("Barnet er i gentagne konflikter eller bliver mobbet, selv om de voksne har grebet ind."),
    _("Barnet har tegn på spiseforstyrrelse, angst eller depression."),
    _("Barnet er sammen med ældre unge, der har en risikoadfærd."),
    _("Barnet skader sig selv eller taler om selvmord."),
    _("Barnet begår kriminalitet eller drikker alkohol eller tager stoffer."),
    _("Barnet bliver kontaktet seksuelt af voksne, eller nøgenbilleder af barnet bliver delt."),
    # 10–13 years: the parents' care (and 2 signs listed under an earlier band).
    _("Forældrene interesserer sig for barnets skole, venner og liv på nettet."),
    _("Forældrene sætter rammer, der passer til alderen, fx for sengetid og skærm."),
    _("Barnet kan gå til forældrene, når noget er svært."),
    _("Forældrene har svært ved at sætte grænser eller ved at vide, hvor barnet er."),
    _("Forældrene kommer sjældent til samtaler og arrangementer."),
    _("Barnet får ikke hjælp til lektier og skoleting."),
    _("Barnet har ansvar for søskende eller en syg forælder ud over, hvad der passer til alderen."),
    _("Forældrene ved ikke, hvor barnet er om aftenen og natten."),
    _("Forældrene afviser at samarbejde om barnets vanskeligheder."),
    _("Barnet bliver smidt ud hjemmefra."),
    _("Barnet bliver holdt hjemme fra skole, så andre ikke ser, hvordan det har det."),
    # 10–13 years: family and surroundings (and 4 signs listed under an earlier band).
    _("Barnet har et netværk af familie, venner og voksne uden for hjemmet."),
    _("Barnet går til en fritidsaktivitet."),
    _("Familien har en stabil hverdag."),
    _("Barnet er ensomt eller har kun venner på nettet."),
    _("Barnet fortæller om mange konflikter derhjemme."),
    _("Barnet færdes i et miljø med kriminalitet eller misbrug."),
    _(
        "Barnet er udsat for æresrelateret kontrol, trusler eller planer om at blive sendt til "
        "udlandet mod sin vilje."
    ),
    # 13–18 years: the child's development.
    _("Den unge har venner, trives i skolen og har planer for fremtiden."),
    _("Den unge kan tale med en voksen om det, der er svært."),
    _("Den unge passer sin skole, uddannelse eller sit arbejde."),
    _("Den unge har stigende fravær eller mister lysten til skolen."),
    _("Den unge er ofte trist eller træt eller isolerer sig."),
    _("Den unge eksperimenterer med alkohol eller nikotin."),
    _("Den unge sover for lidt og er mange nætter på skærm."),
    _("Den unge har stort og vedvarende fravær eller er ved at falde ud af skolen."),
    _("Den unge har tegn på spiseforstyrrelse, angst eller depression."),
    _("Den unge ryger hash eller tager andre stoffer."),
    _("Den unge begår småkriminalitet."),
    _("Den unge skader sig selv alvorligt eller taler om selvmord."),
    _("Den unge fortæller om vold, seksuelle overgreb eller omsorgssvigt."),
    _("Den unge har et misbrug eller begår alvorlig kriminalitet."),
    _("Den unge bliver udnyttet seksuelt eller kriminelt af andre."),
    # 13–18 years: the parents' care.
    _("Forældrene interesserer sig for den unges liv og giver en passende frihed."),
    _("Forældrene støtter den unges skole, uddannelse og fritid."),
    _("Den unge kan gå til forældrene med sine problemer."),
    _("Forældrene ved ofte ikke, hvor den unge er, eller hvem den unge er sammen med."),
    _("Forældrene har svært ved at samarbejde med skolen."),
    _("Der er mange konflikter mellem den unge og forældrene."),
    _(
        "Den unge har ansvar for søskende eller en syg forælder, og det fylder det meste af "
        "hverdagen."
    ),
    _("Forældrene har opgivet at sætte rammer eller kontrollerer den unge meget hårdt."),
    _("Den unge bliver ofte ydmyget, truet eller skældt ud."),
    _("Forældrene afviser at samarbejde om den unges vanskeligheder."),
    _("Den unge bliver slået eller truet med vold."),
    _("Den unge er smidt ud hjemmefra eller har ikke et sted at sove."),
    _("Den unge er overladt til sig selv i længere tid uden mad eller penge."),
    # 13–18 years: family and surroundings (and 2 signs listed under an earlier band).
    _("Den unge har et netværk af venner og voksne."),
    _("Den unge har en fritidsaktivitet eller et fritidsjob."),
    _("Den unge er ensom eller har mest kontakt med andre på nettet."),
    _("Den unges venner har en risikoadfærd, fx meget fravær eller meget alkohol."),
    _("En voksen i hjemmet har et misbrug eller en psykisk sygdom, der præger den unges hverdag."),
    _("Den unge færdes i et kriminelt miljø eller med ældre, der har en risikoadfærd."),
    _("Familien har ikke en fast bolig."),
    _("Den unge overværer eller bliver udsat for vold i hjemmet."),
    _("Den unge er udsat for æresrelateret kontrol, trusler eller planer om tvangsægteskab."),
)
