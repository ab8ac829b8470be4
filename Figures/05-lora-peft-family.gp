# Reading, by kind of question
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 05-lora-peft-family.gp
set terminal pngcairo size 1150,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '05-lora-peft-family.png'
set termoption noenhanced
set title 'Reading, by kind of question' font ',15'
set xlabel ''
set ylabel 'exact match on test questions'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key outside right box lc rgb '#bbbbbb' opaque
set xrange [-0.5:4.5]
set yrange [-0.03:1.05]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set xtics ('where did they go?' 0, 'who is the friend?' 1, 'what did they have?' 2, 'happy or sad?' 3, 'who helped?' 4) rotate by -30
plot '05-lora-peft-family.dat' index 0 using 1:2:3 with yerrorbars lt 1 title 'full fine-tuning', \
     '05-lora-peft-family.dat' index 1 using 1:2:3 with yerrorbars lt 2 title 'LoRA r = 8 (q,k,v,o)', \
     '05-lora-peft-family.dat' index 2 using 1:2:3 with yerrorbars lt 3 title 'bottleneck adapters (m = 8)', \
     '05-lora-peft-family.dat' index 3 using 1:2:3 with yerrorbars lt 4 title 'prompt tuning (8 vectors)', \
     '05-lora-peft-family.dat' index 4 using 1:2:3 with yerrorbars lt 5 title 'BitFit (biases)', \
     '05-lora-peft-family.dat' index 5 using 1:2:3 with yerrorbars lt 6 title 'LayerNorm tuning', \
     '05-lora-peft-family.dat' index 6 using 1:2:3 with yerrorbars lt 7 title 'IA³ (k, v, MLP)', \
     '05-lora-peft-family.dat' index 7 using 1:2 with points lt 8 dt 2 title 'majority answer'
